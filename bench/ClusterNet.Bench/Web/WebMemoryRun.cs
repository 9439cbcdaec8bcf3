using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

namespace ClusterNet.Bench.Web;

/// <summary>
/// `web-memory` (issue #15, "The server"): writes the synthetic cluster, starts the real dashboard on it, visits every
/// page in Debian's headless chromium and reads the server's working set, managed heap and per-cache figures after a
/// full GC, before and after. With circuits it then opens that many pages (one browser, a context each, spread over the
/// pages), publishes snapshot changes (one pod's readiness each, through the file source) and measures server CPU per
/// published snapshot and memory per circuit. Shared by the bench verb and its short run in ClusterNet.E2E.
/// </summary>
public sealed class WebMemoryRun(WebMemoryOptions options, Action<string> print)
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private readonly List<string> _lines = [];

    public async Task<WebMemoryResult> RunAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var cluster = new WebMemoryCluster(options.Pods);
        var dir = Directory.CreateTempSubdirectory("clusternet-web-memory-");
        var file = Path.Combine(dir.FullName, "cluster.yaml");
        cluster.Write(file);
        Line($"web-memory: {cluster.Pods:N0} pods on {cluster.Nodes} nodes in {cluster.Namespaces} namespaces, {cluster.Workloads:N0} Services, " +
             $"{cluster.Policies:N0} NetworkPolicies ({new FileInfo(file).Length / 1048576.0:0.0} MB of YAML); {Environment.ProcessorCount} CPUs, load average {LoadAverage()}");
        var clock = Stopwatch.StartNew();
        await using var server = await WebServerProcess.StartAsync(options.WebDll, file, TimeSpan.FromMinutes(3));
        Line($"server {server.Address} (pid {server.ProcessId}) ready in {clock.Elapsed.TotalSeconds:0.0} s");

        var before = await MeasureAsync(server, "before any page");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = options.ChromiumPath, Headless = true, Args = ChromiumArgs,
        });
        var first = await NewPageAsync(browser, server);
        clock.Restart();
        await WebPageVisit.All[0].OpenAsync(first);
        var heap = before.Heap;
        foreach (var visit in WebPageVisit.All)
        {
            if (visit != WebPageVisit.All[0])
            {
                clock.Restart();
                await visit.NavigateAsync(first);
            }

            var drawn = clock.Elapsed;
            // What each page leaves on the heap (its caches and the circuit's share), by a full GC after each.
            await server.FullGcAsync();
            var now = (long)WebServerProcess.Sum(await server.MetricsAsync(), "dotnet_gc_last_collection_heap_size");
            Line($"  {visit.Name}: drawn {drawn.TotalSeconds:0.0} s after {(visit == WebPageVisit.All[0] ? "navigation" : "the click")}; managed heap {Mb(now)} ({(now - heap) / 1048576.0:+0.0;-0.0} MB)");
            heap = now;
            if (options.GcDump is { } each)
            {
                await GcDumpAsync(server.ProcessId, $"{each}.{visit.Name.Replace(' ', '-')}.gcdump");
            }
        }

        var after = await MeasureAsync(server, "after visiting every page (one circuit, on the Cluster page)");
        var result = new WebMemoryResult(before, after);
        if (options.Circuits > 1)
        {
            result = await CircuitsAsync(server, browser, first, cluster, file, result);
        }

        await browser.CloseAsync();
        try
        {
            dir.Delete(recursive: true);
        }
        catch (IOException)
        {
        }

        return result with { Lines = [.. _lines] };
    }

    private async Task<WebMemoryResult> CircuitsAsync(WebServerProcess server, IBrowser browser, IPage first, WebMemoryCluster cluster, string file, WebMemoryResult result)
    {
        var n = options.Circuits;
        var one = await MeasureAsync(server, "1 circuit (the Cluster page)");
        var clock = Stopwatch.StartNew();
        for (var i = 1; i < n; i++)
        {
            var page = await NewPageAsync(browser, server);
            await WebPageVisit.All[i % WebPageVisit.All.Count].OpenAsync(page);
        }

        Line($"{n} circuits open ({string.Join(", ", WebPageVisit.All.Select(v => v.Name))} in turn) in {clock.Elapsed.TotalSeconds:0} s");
        var many = await MeasureAsync(server, $"{n} circuits");
        if (options.GcDump is { } dumpMany)
        {
            await GcDumpAsync(server.ProcessId, $"{dumpMany}.circuits.gcdump");
        }

        var perCircuit = (many.WorkingSet - one.WorkingSet) / (double)(n - 1);
        var heapPerCircuit = (many.Heap - one.Heap) / (double)(n - 1);
        Line($"memory per circuit: {Mb(perCircuit)} working set, {Mb(heapPerCircuit)} managed heap (({n} circuits − 1 circuit) / {n - 1})");

        // Idle CPU first (timers, keep-alives), once the circuits have settled; subtracted from the changes' CPU.
        await QuietAsync(server);
        var idleWindow = TimeSpan.FromSeconds(5);
        var idle0 = server.CpuTime();
        await Task.Delay(idleWindow);
        var idleRate = (server.CpuTime() - idle0) / idleWindow;
        var cpu0 = server.CpuTime();
        clock.Restart();
        var version = await server.SnapshotVersionAsync();
        for (var g = 1; g <= options.Changes; g++)
        {
            cluster.Write(file, generation: g);
            version = await NextVersionAsync(server, version);
            await QuietAsync(server);
        }

        var elapsed = clock.Elapsed;
        var raw = (server.CpuTime() - cpu0) / options.Changes;
        var perSnapshot = raw - (idleRate * elapsed / options.Changes);
        Line(string.Create(CultureInfo.InvariantCulture,
            $"{options.Changes} snapshots published (one pod's readiness each, file source re-read) with {n} circuits open: server CPU {perSnapshot.TotalMilliseconds:0} ms per snapshot " +
            $"({raw.TotalMilliseconds:0} ms measured, less idle {idleRate * 100:0.0} % of a core over {elapsed.TotalSeconds:0} s)"));
        var afterChanges = await MeasureAsync(server, $"{n} circuits after {options.Changes} snapshots");
        if (options.GcDump is { } dumpChanges)
        {
            await GcDumpAsync(server.ProcessId, $"{dumpChanges}.changes.gcdump");
        }

        return result with { One = one, Many = many, Circuits = n, MemoryPerCircuit = perCircuit, CpuPerSnapshot = perSnapshot, MeasuredCpuPerSnapshot = raw, AfterChanges = afterChanges };
    }

    /// <summary>Waits for the file change to be published as a new snapshot.</summary>
    private static async Task<long> NextVersionAsync(WebServerProcess server, long version)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            var now = await server.SnapshotVersionAsync();
            if (now > version)
            {
                return now;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"no new snapshot after v{version} in 2 minutes");
    }

    /// <summary>
    /// Waits until the server's CPU stays below 15 % of a core for two seconds in a row: every circuit has rendered the
    /// snapshot (a busy machine can starve the server for one window, not for two).
    /// </summary>
    private static async Task QuietAsync(WebServerProcess server)
    {
        var clock = Stopwatch.StartNew();
        var window = TimeSpan.FromSeconds(1);
        var quiet = 0;
        while (quiet < 2 && clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            var c0 = server.CpuTime();
            await Task.Delay(window);
            quiet = (server.CpuTime() - c0) / window < 0.15 ? quiet + 1 : 0;
        }
    }

    private async Task GcDumpAsync(int pid, string path)
    {
        foreach (var args in new[] { $"collect -p {pid} -o {path}", $"report {path}" })
        {
            var tool = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-gcdump");
            using var process = Process.Start(new ProcessStartInfo(tool, args) { RedirectStandardOutput = true }) ?? throw new InvalidOperationException("dotnet-gcdump did not start");
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            File.WriteAllText(path + ".txt", text);
            Line($"dotnet-gcdump {args}: exit {process.ExitCode}");
        }
    }

    private async Task<WebMemorySample> MeasureAsync(WebServerProcess server, string label)
    {
        var unforced = server.WorkingSet();
        await server.FullGcAsync();
        var metrics = await server.MetricsAsync();
        var sample = new WebMemorySample(
            label,
            server.WorkingSet(),
            (long)WebServerProcess.Sum(metrics, "dotnet_gc_last_collection_heap_size"),
            (long)WebServerProcess.Sum(metrics, "clusternet_circuits"),
            WebCacheFigure.From(metrics));
        Line($"{label}: working set {Mb(sample.WorkingSet)} ({Mb(unforced)} before the GC), managed heap after a full GC {Mb(sample.Heap)} " +
             $"(GC committed {Mb(WebServerProcess.Sum(metrics, "dotnet_gc_last_collection_memory_committed_size"))}, fragmentation {Mb(WebServerProcess.Sum(metrics, "dotnet_gc_heap_fragmentation_size"))}), " +
             $"{sample.Circuits} circuit(s); load average {LoadAverage()}");
        Line("    caches (entries, ~bytes, computed so far): " + string.Join(", ", sample.Caches.Select(c => $"{c.Name} {c.Entries:N0} (~{Mb(c.Bytes)}, {c.Computed:N0})")));

        return sample;
    }

    private async Task<IPage> NewPageAsync(IBrowser browser, WebServerProcess server)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.Address.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
        });
        return await context.NewPageAsync();
    }

    private void Line(string line)
    {
        _lines.Add(line);
        print(line);
    }

    private static string Mb(double bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0} MB");

    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
}
