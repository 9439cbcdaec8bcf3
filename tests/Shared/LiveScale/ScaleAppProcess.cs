using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace ClusterNet.Testing.LiveScale;

/// <summary>
/// The real dashboard as its own process (<c>dotnet ClusterNet.Web.dll</c>, Production, live source on a kubeconfig) on a
/// free loopback port, with what the live-scale run reads from outside: /readyz, the pod count of /api/snapshot and the
/// process's resident memory from /proc. Its output goes to a log file (named in failures).
/// </summary>
public sealed class ScaleAppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http;
    private readonly StreamWriter _log;

    private ScaleAppProcess(Process process, string baseUrl, StreamWriter log, string logPath)
    {
        _process = process;
        _log = log;
        LogPath = logPath;
        BaseUrl = baseUrl;
        _http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(10) };
    }

    public string BaseUrl { get; }

    public string LogPath { get; }

    public int Pid => _process.Id;

    /// <summary>Starts the process; the clock of <see cref="WaitReadyAsync"/> is the caller's, started just before this call.</summary>
    public static ScaleAppProcess Start(string appDll, string kubeconfig, string logPath)
    {
        if (!File.Exists(appDll))
        {
            throw new FileNotFoundException($"{appDll} is missing: build src/ClusterNet.Web first (dotnet build -c Release src/ClusterNet.Web)", appDll);
        }

        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(appDll)!,
        };
        foreach (var a in new[] { appDll, "--urls", url, "--environment", "Production", "--Cluster:Source=kubeconfig", $"--Cluster:Kubeconfig={kubeconfig}" })
        {
            psi.ArgumentList.Add(a);
        }

        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start dotnet");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ScaleAppProcess(process, url, log, logPath);
    }

    /// <summary>When /readyz first answered at all (the process listens), measured on the caller's clock.</summary>
    public TimeSpan? FirstAnswer { get; private set; }

    /// <summary>
    /// Polls /readyz every 20 ms until it answers 200; throws when the process exits or the deadline passes.
    /// <paramref name="clock"/> is the caller's, started before the process, for <see cref="FirstAnswer"/>.
    /// </summary>
    public async Task WaitReadyAsync(TimeSpan deadline, Stopwatch clock)
    {
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the dashboard exited with {_process.ExitCode} before /readyz; log: {LogPath}");
            }

            try
            {
                using var response = await _http.GetAsync("/readyz");
                FirstAnswer ??= clock.Elapsed;
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (clock.Elapsed > deadline)
            {
                throw new TimeoutException($"/readyz not 200 after {deadline.TotalSeconds:0} s; log: {LogPath}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>The Pods count of /api/snapshot.</summary>
    public async Task<int> SnapshotPodCountAsync()
    {
        await using var stream = await _http.GetStreamAsync("/api/snapshot");
        using var doc = await JsonDocument.ParseAsync(stream);
        return doc.RootElement.GetProperty("kinds").GetProperty("pods").GetProperty("count").GetInt32();
    }

    /// <summary>Polls /api/snapshot every 5 ms until its pod count reaches <paramref name="count"/>.</summary>
    public async Task WaitSnapshotPodsAsync(int count, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        while (await SnapshotPodCountAsync() < count)
        {
            if (clock.Elapsed > deadline)
            {
                throw new TimeoutException($"/api/snapshot did not reach {count} pods within {deadline.TotalSeconds:0} s; log: {LogPath}");
            }

            await Task.Delay(5);
        }
    }

    /// <summary>Resident set (the working set) and its peak, in MB, from /proc/PID/status.</summary>
    public (double Rss, double Peak) Memory()
    {
        double rss = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line) / 1024.0;
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line) / 1024.0;
            }
        }

        return (rss, peak);
    }

    /// <summary>CPU time (user + system) the process used so far, from /proc/PID/stat.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _http.Dispose();
        await _log.DisposeAsync();
    }

    private static long Kilobytes(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
