using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace ClusterNet.Testing.LiveScale;

/// <summary>
/// The real dashboard as its own process (<c>dotnet ClusterNet.Web.dll</c>, Production, live source on a kubeconfig) on a
/// loopback port Kestrel picks (<c>--urls http://127.0.0.1:0</c>; the URL is read from the "ClusterNet: open" line it
/// prints once listening, so no port is chosen first and left free for another program to take), with what the
/// live-scale run reads from outside: /readyz, the pod count of /api/snapshot and the
/// process's resident memory from /proc. Its output goes to a log file (named in failures).
/// </summary>
public sealed class ScaleAppProcess : IAsyncDisposable
{
    private const string Announcement = "ClusterNet: open ";

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly TaskCompletionSource<string> _url = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private HttpClient? _httpClient;

    private ScaleAppProcess(Process process, StreamWriter log, string logPath)
    {
        _process = process;
        _log = log;
        LogPath = logPath;
    }

    /// <summary>The URL the dashboard announced (known once <see cref="WaitReadyAsync"/> has returned).</summary>
    public string BaseUrl => _url.Task.IsCompletedSuccessfully ? _url.Task.Result : throw new InvalidOperationException("the dashboard has not announced its URL yet: call WaitReadyAsync first");

    private HttpClient Http => _httpClient ??= new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(10) };

    public string LogPath { get; }

    public int Pid => _process.Id;

    /// <summary>Starts the process; the clock of <see cref="WaitReadyAsync"/> is the caller's, started just before this call.</summary>
    public static ScaleAppProcess Start(string appDll, string kubeconfig, string logPath)
    {
        if (!File.Exists(appDll))
        {
            throw new FileNotFoundException($"{appDll} is missing: build src/ClusterNet.Web first (dotnet build -c Release src/ClusterNet.Web)", appDll);
        }

        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(appDll)!,
        };
        foreach (var a in new[] { appDll, "--urls", "http://127.0.0.1:0", "--environment", "Production", "--Cluster:Source=kubeconfig", $"--Cluster:Kubeconfig={kubeconfig}" })
        {
            psi.ArgumentList.Add(a);
        }

        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start dotnet");
        var app = new ScaleAppProcess(process, log, logPath);
        process.OutputDataReceived += (_, e) => app.Output(e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    /// <summary>When /readyz first answered at all (the process listens), measured on the caller's clock.</summary>
    public TimeSpan? FirstAnswer { get; private set; }

    /// <summary>
    /// Waits for the announced URL, then polls /readyz every 20 ms until it answers 200; throws when the process exits
    /// or the deadline passes. <paramref name="clock"/> is the caller's, started before the process, for <see cref="FirstAnswer"/>.
    /// </summary>
    public async Task WaitReadyAsync(TimeSpan deadline, Stopwatch clock)
    {
        var exited = _process.WaitForExitAsync();
        var remaining = deadline - clock.Elapsed;
        var first = await Task.WhenAny(_url.Task, exited, Task.Delay(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero));
        if (first != _url.Task)
        {
            throw first == exited
                ? new InvalidOperationException($"the dashboard exited with {_process.ExitCode} before announcing its URL; log: {LogPath}")
                : new TimeoutException($"the dashboard announced no URL within {deadline.TotalSeconds:0} s; log: {LogPath}");
        }

        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the dashboard exited with {_process.ExitCode} before /readyz; log: {LogPath}");
            }

            try
            {
                using var response = await Http.GetAsync("/readyz");
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
        await using var stream = await Http.GetStreamAsync("/api/snapshot");
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
        _httpClient?.Dispose();
        await _log.DisposeAsync();
    }

    private static long Kilobytes(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Logs a line of standard output and takes the URL from the dashboard's announcement.</summary>
    private void Output(string? line)
    {
        Write(_log, line);
        if (line is not null && line.StartsWith(Announcement, StringComparison.Ordinal))
        {
            _url.TrySetResult(line[Announcement.Length..].Trim());
        }
    }

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
}
