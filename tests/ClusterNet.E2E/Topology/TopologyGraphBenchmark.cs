using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ClusterNet.Core.Queries;
using ClusterNet.E2E.Infrastructure;
using ClusterNet.Web.PageModels.Topology;
using ClusterNet.Web.Snapshots;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ClusterNet.E2E.Topology;

/// <summary>
/// A synthetic file-source cluster for the graph benchmark: CLUSTERNET_GRAPH_BENCH_PODS pods (default 400, the short
/// version ./test.sh runs), 100 per node, 50 per namespace (10,000 pods → 100 nodes, 200 namespaces), 10 per workload.
/// </summary>
public sealed class GraphBenchFixture : ClusterNetAppFixture
{
    public static int Pods { get; } = int.TryParse(Environment.GetEnvironmentVariable("CLUSTERNET_GRAPH_BENCH_PODS"), out var p) && p > 0 ? p : 400;

    public static int Nodes => Math.Max(1, Pods / 100);

    public static int Namespaces => Math.Max(1, Pods / 50);

    private static readonly Lazy<string> File = new(Write);

    protected override IEnumerable<string> Arguments =>
    [
        "--urls", "http://127.0.0.1:0",
        "--environment", "Production",
        $"--Cluster:Source=file:{File.Value}",
    ];

    public static string PodName(int p) => string.Create(CultureInfo.InvariantCulture, $"app{p / 10}-5d9c7-{p}");

    public static string NodeName(int n) => string.Create(CultureInfo.InvariantCulture, $"node{n}");

    public static string NamespaceOf(int p) => string.Create(CultureInfo.InvariantCulture, $"ns{p / 50 % Namespaces}");

    private static string Write()
    {
        var sb = new StringBuilder();
        for (var n = 0; n < Nodes; n++)
        {
            ClusterNet.Bench.Web.WebMemoryCluster.AppendNode(sb, n);
        }

        for (var p = 0; p < Pods; p++)
        {
            // Spread each workload over nodes (p % nodes), as a scheduler would.
            var n = p % Nodes;
            sb.Append(CultureInfo.InvariantCulture, $"""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: {PodName(p)}
                  namespace: {NamespaceOf(p)}
                  labels:
                    app: app{p / 10}
                  ownerReferences:
                  - apiVersion: apps/v1
                    kind: ReplicaSet
                    name: app{p / 10}-5d9c7
                    uid: rs-{p / 10}
                    controller: true
                spec:
                  nodeName: {NodeName(n)}
                  containers:
                  - name: main
                    image: nginx
                status:
                  phase: Running
                  podIP: 10.{244 + n / 250}.{n % 250}.{p / Nodes % 250 + 2}
                  conditions:
                  - type: Ready
                    status: "{(p % 97 == 0 ? "False" : "True")}"
                ---

                """);
        }

        var path = Path.Combine(Path.GetTempPath(), $"clusternet-graph-bench-{Pods}-{Environment.ProcessId}.yaml");
        System.IO.File.WriteAllText(path, sb.ToString());
        return path;
    }
}

/// <summary>
/// The graph benchmark of issue #15 in Debian's headless chromium (bench/topology-browser.sh runs it at 10,000 pods):
/// first meaningful paint from navigation, pan/zoom frame rate (requestAnimationFrame trace), a delta of 100 pods,
/// canvas against WebGL on the same full graph, and the demo. Prints figures and writes
/// artifacts/topology-graph-bench.txt; asserts only what was drawn, never times.
/// </summary>
public sealed class TopologyGraphBenchmark(GraphBenchFixture app, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<GraphBenchFixture>
{
    private const string Graph = "[data-testid=topology-graph][data-ready=true]";

    private static Task<JsonElement> ModuleAsync(IPage page, string call) =>
        page.EvaluateAsync<JsonElement>($"async () => {{ const m = await import('/js/topology-graph.js'); return m.{call}; }}");

    private static async Task<(double ReadyAt, double FirstRender)> OpenAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        // data-ready turns true when the model is synced; the paint figures are stamped two animation frames later, so
        // wait for the stamp itself (reading it on data-ready alone raced the frames).
        var graph = page.Locator($"{Graph}[data-ready-at]");
        await Assertions.Expect(graph).ToHaveCountAsync(1, new() { Timeout = 120_000 });
        return (double.Parse((await graph.GetAttributeAsync("data-ready-at"))!, CultureInfo.InvariantCulture),
            double.Parse((await graph.GetAttributeAsync("data-first-render-ms"))!, CultureInfo.InvariantCulture));
    }

    private static string Fps(JsonElement trace) => string.Create(CultureInfo.InvariantCulture,
        $"{trace.GetProperty("fps").GetDouble():F0} fps (p95 frame {trace.GetProperty("p95FrameMs").GetDouble():F0} ms, worst {trace.GetProperty("worstFrameMs").GetDouble():F0} ms)");

    private static async Task WaitUntilReadyAsync(ISnapshotFeed feed)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var batches = feed.WatchAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);
        // Subscribed first, then checked: a sync finishing in between still sends the batch awaited below.
        while (!feed.InitialSyncComplete)
        {
            await batches.MoveNextAsync();
        }
    }

    private static string Timeline(JsonElement t)
    {
        string At(string name) => t.GetProperty(name) is { ValueKind: JsonValueKind.Number } v ? v.GetInt32().ToString(CultureInfo.InvariantCulture) : "-";
        string Span(string name) => t.GetProperty(name) is { ValueKind: JsonValueKind.Object } v
            ? $"{v.GetProperty("start").GetInt32().ToString(CultureInfo.InvariantCulture)}–{v.GetProperty("end").GetInt32().ToString(CultureInfo.InvariantCulture)}"
            : "-";
        return $"html {At("htmlFirstByte")}–{At("htmlDone")}, MudBlazor.js {Span("mudblazorJs")}, blazor.web.js {Span("blazorJs")}, DOMContentLoaded {At("domContentLoaded")}, " +
            $"circuit negotiate {Span("circuitNegotiate")}, graph module {Span("graphModule")}, cytoscape {Span("cytoscape")}, widget called {At("widgetCalled")}, ready {At("ready")}";
    }

    [Fact]
    public async Task Benchmark_ClusterLevelPanZoomDeltaRenderersAndDemo()
    {
        var errors = new List<string>();
        var page = await app.NewPageAsync(consoleErrors: errors);
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"topology graph benchmark: {GraphBenchFixture.Pods} pods, {GraphBenchFixture.Nodes} nodes, {GraphBenchFixture.Namespaces} namespaces, headless chromium; load average at start {System.IO.File.ReadAllText("/proc/loadavg").Split(' ')[0]}"),
        };

        // 1. First meaningful paint: the page opens at the level the cluster's size calls for, on a server that is ready
        // (/readyz: the first full sync done; loading the 10,000 pods is the "ready in" figure, not the page's) but has served
        // no page yet: this first navigation also pays the process's first requests (JIT).
        await WaitUntilReadyAsync(app.Services.GetRequiredService<ISnapshotFeed>());
        var (readyAt, firstRender) = await OpenAsync(page, "/topology");
        var graph = page.Locator(Graph);
        var level = (await graph.GetAttributeAsync("data-level"))!;
        var elementCount = await graph.GetAttributeAsync("data-element-count");
        var steps = await graph.GetAttributeAsync("data-first-render-steps");
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"first meaningful paint ({level.Split('|')[0]} level, {elementCount} elements): {readyAt:F0} ms from navigation ({firstRender:F0} ms in the widget: {steps})"));
        var timeline = Timeline(await ModuleAsync(page, "bootTimeline()"));
        lines.Add($"  where it went (ms since navigation): {timeline}");

        // The same in fresh browser contexts (cold browser cache, no service worker) against the now-running server: what a
        // user opening the page sees; the first navigation above also pays the server process's first requests (JIT).
        for (var run = 1; run <= 3; run++)
        {
            var fresh = await app.NewPageAsync(consoleErrors: errors);
            var (freshReady, freshWidget) = await OpenAsync(fresh, "/topology");
            var freshTimeline = Timeline(await ModuleAsync(fresh, "bootTimeline()"));
            var freshSteps = await fresh.Locator(Graph).GetAttributeAsync("data-first-render-steps");
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"first meaningful paint, fresh browser #{run}: {freshReady:F0} ms from navigation ({freshWidget:F0} ms in the widget: {freshSteps}); {freshTimeline}"));
            await fresh.Context.CloseAsync();
        }

        // What the server computes for a navigation to the page (its page model, on the snapshot the page showed): a new
        // circuit's model, so only the caches shared between circuits help.
        for (var run = 1; run <= 2; run++)
        {
            using var scope = app.Services.CreateScope();
            var model = scope.ServiceProvider.GetRequiredService<TopologyPageModel>();
            var snapshot = app.Services.GetRequiredService<ISnapshotFeed>().Current;
            var watch = Stopwatch.StartNew();
            var view = model.Update(snapshot, QueryInput.Parameters(new Dictionary<string, string?>()), null);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"server computes the page's view (new circuit #{run}): {watch.Elapsed.TotalMilliseconds:F0} ms ({view.Level.Drawn.Elements.Length} elements drawn)"));
        }

        var readable = await ModuleAsync(page, "readability()");
        Assert.Equal(0, readable.GetProperty("overlaps").GetArrayLength());
        if (GraphBenchFixture.Pods > 300)
        {
            Assert.StartsWith("Cluster|", level, StringComparison.Ordinal);
            Assert.Equal(GraphBenchFixture.Nodes.ToString(CultureInfo.InvariantCulture), await graph.GetAttributeAsync("data-collapsed-count"));
        }

        // 2. Pan and zoom at that level.
        var trace = await ModuleAsync(page, "panZoomTrace(3000)");
        lines.Add($"pan/zoom at that level: {Fps(trace)}");

        // 3. A node with every pod drawn, then 100 more pods arriving in one delta (placed near their node).
        await OpenAsync(page, "/topology?level=pods&node=node0");
        var before = int.Parse((await graph.GetAttributeAsync("data-pod-count"))!, CultureInfo.InvariantCulture);
        var nodeTrace = await ModuleAsync(page, "panZoomTrace(3000)");
        var nodeElements = await graph.GetAttributeAsync("data-element-count");
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"pan/zoom at the node level, every pod of node0 drawn ({before} pods, {nodeElements} elements): {Fps(nodeTrace)}"));
        var added = Enumerable.Range(0, 100).Select(i => new
        {
            id = $"pod/ns0/bench-{i}", kind = "pod", label = $"bench-{i}", parent = "node/node0", node = "node0", @namespace = "ns0",
            data = new Dictionary<string, string> { ["ip"] = $"10.250.0.{i + 2}", ["ready"] = "true" },
        });
        var deltaMs = await page.EvaluateAsync<double>(
            "async (d) => { const m = await import('/js/topology-graph.js'); return m.update(document.querySelector('[data-testid=topology-graph]'), d); }",
            JsonSerializer.Serialize(new { version = 1000, added }));
        await Assertions.Expect(graph).ToHaveAttributeAsync("data-pod-count", (before + 100).ToString(CultureInfo.InvariantCulture));
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"delta of 100 pods into node0 ({before} pods drawn): {deltaMs:F1} ms"));

        Assert.Empty(errors);

        // 4. Canvas against WebGL on the full graph (every element, nothing folded), drawn by the widget in a second container.
        // CLUSTERNET_GRAPH_BENCH_FULL=0 skips them (a quicker run while working on the first paint).
        var renderers = Environment.GetEnvironmentVariable("CLUSTERNET_GRAPH_BENCH_FULL") == "0" ? [] : new[] { "canvas", "webgl" };
        foreach (var renderer in renderers)
        {
            var result = await page.EvaluateAsync<JsonElement>("""
                async (renderer) => {
                  const m = await import('/js/topology-graph.js');
                  const doc = await (await fetch('/api/topology')).json();
                  document.getElementById('bench-graph')?.remove();
                  const el = document.createElement('div');
                  el.id = 'bench-graph';
                  el.style.cssText = 'position:fixed;left:0;top:0;width:1200px;height:800px;background:#fff;z-index:9999';
                  document.body.appendChild(el);
                  const t0 = performance.now();
                  await m.initialize(el, { invokeMethodAsync: () => Promise.resolve() },
                    JSON.stringify({ elements: doc.elements, edges: doc.edges, aggregateAbove: 1e9, foldVethsAbove: 1000, renderer }));
                  const drawn = performance.now() - t0;
                  const trace = await m.panZoomTrace(3000, el);
                  const out = { drawn, elements: Number(el.dataset.elementCount), renderer: el.dataset.renderer, trace };
                  m.dispose(el);
                  el.remove();
                  return out;
                }
                """, renderer);
            Assert.Equal(renderer, result.GetProperty("renderer").GetString());
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"{renderer} on the full graph ({result.GetProperty("elements").GetInt32()} elements): drawn in {result.GetProperty("drawn").GetDouble():F0} ms, pan/zoom {Fps(result.GetProperty("trace"))}"));
        }

        foreach (var line in lines)
        {
            output.WriteLine(line);
        }

        var artifacts = Path.Combine(Path.GetDirectoryName(app.ScreenshotDirectory)!, "topology-graph-bench.txt");
        await System.IO.File.WriteAllLinesAsync(artifacts, lines);
        // Drawing every element of a big cluster blocks the page's main thread long enough (a minute at 10k pods on a loaded
        // machine) for the page's own Blazor circuit to drop its connection; that is the page around the measurement, not the graph.
        Assert.DoesNotContain(errors, e => !e.Contains("webgl rendering enabled", StringComparison.Ordinal) && !e.Contains("Connection disconnected", StringComparison.Ordinal));
    }
}

/// <summary>The demo's first drawing, for the same benchmark (target: under 500 ms).</summary>
public sealed class TopologyDemoDrawBenchmark(TopologyDemoFixture app, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<TopologyDemoFixture>
{
    [Fact]
    public async Task Benchmark_DemoDrawn()
    {
        var errors = new List<string>();
        var page = await app.NewPageAsync(consoleErrors: errors);
        var watch = Stopwatch.StartNew();
        await page.GotoAsync("/topology");
        var graph = page.Locator("[data-testid=topology-graph][data-ready=true]");
        await Assertions.Expect(graph).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        var widget = await graph.GetAttributeAsync("data-first-render-ms");
        var readyAt = await graph.GetAttributeAsync("data-ready-at");
        var text = string.Create(CultureInfo.InvariantCulture,
            $"demo (16 pods) drawn: {widget} ms in the widget, {readyAt} ms from navigation ({watch.ElapsedMilliseconds} ms for the test); load average {System.IO.File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        output.WriteLine(text);
        await System.IO.File.AppendAllTextAsync(Path.Combine(Path.GetDirectoryName(app.ScreenshotDirectory)!, "topology-graph-bench.txt"), text + "\n");
        Assert.Empty(errors);
    }
}
