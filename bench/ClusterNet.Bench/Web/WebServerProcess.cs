using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Diagnostics.NETCore.Client;

namespace ClusterNet.Bench.Web;

/// <summary>
/// The real dashboard (the built ClusterNet.Web.dll, its own process with its own runtimeconfig: Server GC as deployed)
/// on 127.0.0.1 with a file source. Reads its working set and CPU time from the OS, forces a full blocking GC through
/// the runtime's diagnostics port (the GCHeapCollect keyword dotnet-gcdump uses: no endpoint in the app), and reads
/// the managed heap and the per-cache figures from /metrics.
/// </summary>
public sealed class WebServerProcess : IAsyncDisposable
{
    private const long GcHeapCollectKeyword = 0x800000;
    private readonly Process _process;
    private readonly HttpClient _http;
    private readonly List<string> _log = [];

    private WebServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        _http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri Address { get; }

    public int ProcessId => _process.Id;

    /// <summary>The last lines the server wrote (for a failure message).</summary>
    public string Tail
    {
        get { lock (_log) { return string.Join('\n', _log.TakeLast(20)); } }
    }

    /// <summary>ClusterNet.Web.dll of <paramref name="configuration"/> under the repository containing <paramref name="from"/>.</summary>
    public static string WebDll(string from, string configuration)
    {
        var dir = new DirectoryInfo(from);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Dashboard.sln")))
        {
            dir = dir.Parent;
        }

        var dll = Path.Combine(dir?.FullName ?? throw new InvalidOperationException($"no Dashboard.sln above {from}"),
            "src", "ClusterNet.Web", "bin", configuration, "net10.0", "ClusterNet.Web.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"build it first: dotnet build src/ClusterNet.Web -c {configuration}", dll);
    }

    public static async Task<WebServerProcess> StartAsync(string webDll, string clusterFile, TimeSpan readyTimeout)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(webDll)!,
        };
        foreach (var a in new[]
                 {
                     webDll, "--urls", $"http://127.0.0.1:{port}", "--environment", "Production", $"--Cluster:Source=file:{clusterFile}",
                     "--Logging:LogLevel:Default=Warning",
                 })
        {
            start.ArgumentList.Add(a);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var server = new WebServerProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitReadyAsync(readyTimeout);
        return server;
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.Add(line);
            }
        }
    }

    private async Task WaitReadyAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the server exited ({_process.ExitCode}):\n{Tail}");
            }

            try
            {
                using var response = await _http.GetAsync("readyz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"the server was not ready after {timeout}:\n{Tail}");
    }

    /// <summary>Working set (RSS) in bytes.</summary>
    public long WorkingSet()
    {
        _process.Refresh();
        return _process.WorkingSet64;
    }

    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>A full blocking GC in the server (what dotnet-gcdump triggers), waited for through its gen2 count.</summary>
    public async Task FullGcAsync()
    {
        var before = Sum(await MetricsAsync(), "dotnet_gc_collections", "gen2");
        var client = new DiagnosticsClient(_process.Id);
        using var session = client.StartEventPipeSession(
            new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, GcHeapCollectKeyword), requestRundown: false);
        var drain = session.EventStream.CopyToAsync(Stream.Null);
        var clock = Stopwatch.StartNew();
        while (Sum(await MetricsAsync(), "dotnet_gc_collections", "gen2") <= before && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
        }

        session.Stop();
        await drain.ConfigureAwait(false);
        // The collector returns freed segments to the OS shortly after the collection.
        await Task.Delay(500);
    }

    /// <summary>/metrics as (name with labels, value) pairs.</summary>
    public async Task<IReadOnlyList<(string Name, double Value)>> MetricsAsync()
    {
        var text = await _http.GetStringAsync("metrics");
        var result = new List<(string, double)>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            // "name{labels} value [timestamp]" (label values here have no spaces).
            var parts = line.Split(' ');
            if (parts.Length >= 2 && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                result.Add((parts[0], value));
            }
        }

        return result;
    }

    /// <summary>The sum of the series whose name starts with <paramref name="prefix"/> and contains <paramref name="label"/>.</summary>
    public static double Sum(IEnumerable<(string Name, double Value)> metrics, string prefix, string label = "") =>
        metrics.Where(m => m.Name.StartsWith(prefix, StringComparison.Ordinal) && m.Name.Contains(label, StringComparison.Ordinal)).Sum(m => m.Value);

    /// <summary>The newest snapshot's version (GET /api/snapshot).</summary>
    public async Task<long> SnapshotVersionAsync()
    {
        using var doc = JsonDocument.Parse(await _http.GetStringAsync("api/snapshot"));
        return doc.RootElement.GetProperty("version").GetInt64();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
