using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;

namespace ClusterNet.Testing.LiveScale;

/// <summary>
/// The live-scale measurement (issue #15) on a running test control plane: optionally populates it, then starts the
/// real dashboard process against it and measures process start → /readyz 200, the working set at ready and after a
/// full GC, and for each of <see cref="LiveScaleOptions.Changes"/> new pods the time from the create call's return
/// until /api/snapshot counts it and until an open browser page (the Cluster page's pod table filtered to the probe
/// namespace, in Debian's headless chromium) shows its row. Used by <c>bench … live-scale</c> and, small, by ./test.sh.
/// </summary>
public sealed class LiveScaleRun(TestControlPlane plane, LiveScaleOptions options, Action<string> log)
{
    public const string ProbeNamespace = "scale-probe";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private static readonly TimeSpan ChangeDeadline = TimeSpan.FromSeconds(30);

    /// <summary>Creates the synthetic cluster: nodes, namespaces, pods, policies.</summary>
    public async Task PopulateAsync()
    {
        using var writer = new ScaleClusterWriter(plane, options.Concurrency, log);
        await writer.PopulateAsync(options);
    }

    public async Task<LiveScaleResult> MeasureAsync(string logDirectory)
    {
        using var writer = new ScaleClusterWriter(plane, options.Concurrency, log);
        await writer.PostAsync("/api/v1/namespaces", JsonSerializer.Serialize(new { apiVersion = "v1", kind = "Namespace", metadata = new { name = ProbeNamespace } }));
        await CreateProbeAsync(writer, "probe-seed");

        // The API server's own time for the pages the dashboard will ask for (and a warm API server, as a long-running
        // one is; a control plane just restored from the cache would otherwise still be filling its caches).
        var listing = Stopwatch.StartNew();
        var listed = await writer.ListAllPodsAsync(500);
        log($"API server alone: {listed:N0} pods listed in pages of 500 in {listing.Elapsed.TotalMilliseconds:0} ms (read and parsed, not converted)");

        var logPath = Path.Combine(logDirectory, $"clusternet-live-scale-{Environment.ProcessId}.log");
        var clock = Stopwatch.StartNew();
        await using var app = ScaleAppProcess.Start(options.AppDll, plane.AdminKubeconfig, logPath);
        await app.WaitReadyAsync(TimeSpan.FromMinutes(3), clock);
        var readyMs = clock.Elapsed.TotalMilliseconds;
        log($"the process answered HTTP {app.FirstAnswer?.TotalMilliseconds:0} ms after it started");
        var cpu = app.CpuTime().TotalMilliseconds;
        var (rss, peak) = app.Memory();
        var podsAtReady = await app.SnapshotPodCountAsync();
        log($"ready in {readyMs:0} ms with {podsAtReady:N0} pods; working set {rss:0} MB (peak {peak:0} MB); {cpu:0} ms of CPU");
        if (podsAtReady < options.Pods + 1)
        {
            throw new InvalidOperationException($"/readyz answered 200 with {podsAtReady} pods in the snapshot; expected at least {options.Pods + 1}");
        }

        await DiagnosticsGc.InduceAsync(app.Pid);
        var (afterGc, _) = app.Memory();
        log($"after a full GC: working set {afterGc:0} MB");

        IPlaywright? playwright = null;
        IBrowser? browser = null;
        IPage? page = null;
        try
        {
            if (options.Browser)
            {
                Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
                playwright = await Playwright.CreateAsync();
                browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ChromiumArgs });
                page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = app.BaseUrl, ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
                var navigated = Stopwatch.StartNew();
                await page.GotoAsync($"/cluster?tab=pods&ns={ProbeNamespace}");
                await Row(page, "probe-seed").WaitForAsync(new LocatorWaitForOptions { Timeout = 120_000 });
                log($"Cluster page (pods of {ProbeNamespace}) shows its first row {navigated.Elapsed.TotalMilliseconds:0} ms after navigation");
            }

            // One untimed change first: the page's circuit is connected and every lazy path has run once.
            var expected = podsAtReady;
            await TimeChangeAsync(writer, app, page, "probe-warm", ++expected);
            var snapshotMs = new List<double>();
            var pageMs = new List<double>();
            for (var i = 1; i <= options.Changes; i++)
            {
                var (s, p) = await TimeChangeAsync(writer, app, page, $"probe-{i:D3}", ++expected);
                snapshotMs.Add(s);
                if (p is { } ms)
                {
                    pageMs.Add(ms);
                }

                log($"change {i}: /api/snapshot {s:0} ms" + (p is { } v ? $", page {v:0} ms" : ""));
                await Task.Delay(300);
            }

            var (_, runPeak) = app.Memory();
            return new LiveScaleResult(readyMs, podsAtReady, rss, peak, afterGc, cpu, snapshotMs, pageMs, runPeak);
        }
        finally
        {
            if (browser is not null)
            {
                await browser.CloseAsync();
            }

            playwright?.Dispose();
        }
    }

    private async Task<(double Snapshot, double? Page)> TimeChangeAsync(ScaleClusterWriter writer, ScaleAppProcess app, IPage? page, string name, int expectedPods)
    {
        await CreateProbeAsync(writer, name);
        var returned = Stopwatch.StartNew();
        var snapshot = Task.Run(async () =>
        {
            await app.WaitSnapshotPodsAsync(expectedPods, ChangeDeadline);
            return returned.Elapsed.TotalMilliseconds;
        });
        double? pageMs = null;
        if (page is not null)
        {
            // Checked on every animation frame (~16 ms): a locator's WaitForAsync polls every 500 ms after the first
            // 270 ms, which had measured Playwright's polling, not the page (a steady ~800 ms).
            await page.WaitForFunctionAsync(
                "name => [...document.querySelectorAll('span.cn-name')].some(e => e.textContent === name)",
                name,
                new PageWaitForFunctionOptions { PollingInterval = null, Timeout = (float)ChangeDeadline.TotalMilliseconds });
            pageMs = returned.Elapsed.TotalMilliseconds;
        }

        return (await snapshot, pageMs);
    }

    private Task CreateProbeAsync(ScaleClusterWriter writer, string name) => writer.PostAsync(
        $"/api/v1/namespaces/{ProbeNamespace}/pods",
        JsonSerializer.Serialize(new
        {
            apiVersion = "v1",
            kind = "Pod",
            metadata = new { name, @namespace = ProbeNamespace, labels = new Dictionary<string, string> { ["app"] = "probe" } },
            spec = new { nodeName = ScaleManifests.NodeName(0), containers = new[] { new { name = "probe", image = "registry.example/probe:1" } } },
        }));

    private static ILocator Row(IPage page, string podName) => page.Locator($"span.cn-name:text-is(\"{podName}\")");
}
