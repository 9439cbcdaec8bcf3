using System.Text.Json;
using System.Text.RegularExpressions;
using ClusterNet.Web.Snapshots;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ClusterNet.E2E.Topology;

public sealed class TopologyPageTests(TopologyDemoFixture app) : IClassFixture<TopologyDemoFixture>
{
    private const string Graph = "[data-testid=topology-graph][data-ready=true]";

    private static async Task<IPage> OpenAsync(TopologyDemoFixture app, string url, List<string> errors, int? height = null)
    {
        var page = await app.NewPageAsync(consoleErrors: errors);
        if (height is { } h)
        {
            await page.SetViewportSizeAsync(1440, h);
        }

        await page.GotoAsync(url);
        await Assertions.Expect(page.Locator(Graph)).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        return page;
    }

    private static Task<JsonElement> ModuleAsync(IPage page, string call) =>
        page.EvaluateAsync<JsonElement>($"async () => {{ const m = await import('/js/topology-graph.js'); return m.{call}; }}");

    [Fact]
    public async Task Demo_RendersEveryNodeAndPod()
    {
        var errors = new List<string>();
        var page = await OpenAsync(app, "/topology", errors);
        var snapshot = app.Services.GetRequiredService<ISnapshotFeed>().Current;

        var graph = page.Locator(Graph);
        Assert.Equal(string.Join(' ', snapshot.Nodes.Select(n => $"node/{n.Name}").Order(StringComparer.Ordinal)), await graph.GetAttributeAsync("data-node-ids"));
        var expectedPods = snapshot.Pods.Select(p => $"pod/{p.Namespace}/{p.Name}").Order(StringComparer.Ordinal);
        Assert.Equal(string.Join(' ', expectedPods), await graph.GetAttributeAsync("data-pod-ids"));
        Assert.Equal("0", await graph.GetAttributeAsync("data-aggregate-count"));
        await Assertions.Expect(page.GetByTestId("topology-cni")).ToContainTextAsync("flannel");
        await page.ScreenshotAsync(new() { Path = TopologyDemoFixture.DocsScreenshot("topology.png") });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task ClickPod_OpensItsPanelWithRoutesAndWalkButtons()
    {
        var errors = new List<string>();
        var page = await OpenAsync(app, "/topology", errors);

        var pos = await ModuleAsync(page, "clientPositionOf('pod/dev/pod1')");
        await page.Mouse.ClickAsync(pos.GetProperty("x").GetSingle(), pos.GetProperty("y").GetSingle());

        var details = page.GetByTestId("details");
        await Assertions.Expect(details).ToHaveAttributeAsync("data-selected", "topology/pod/dev/pod1");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("sel=topology%2Fpod%2Fdev%2Fpod1"));
        await Assertions.Expect(details.GetByTestId("topology-routes")).ToContainTextAsync("10.244.2.0/24 via 172.16.100.103");
        await Assertions.Expect(page.Locator(Graph)).ToHaveAttributeAsync("data-selected", "pod/dev/pod1");

        await details.GetByTestId("walk-from-here").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("from=dev%2Fpod1"));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task PacketWalk_DeepLink_HighlightsThePathAndListsHops()
    {
        var errors = new List<string>();
        // A tall viewport shows the highlighted graph and the hop list together (the shell's header is sticky, so no FullPage).
        var page = await OpenAsync(app, "/topology?from=dev%2Fpod1&to=prod%2Fpod1&port=80&protocol=TCP", errors, height: 1900);

        var graph = page.Locator(Graph);
        await Assertions.Expect(graph).ToHaveAttributeAsync("data-highlighted", new Regex(@"(^| )pod/dev/pod1( |$)"));
        var highlighted = (await graph.GetAttributeAsync("data-highlighted"))!.Split(' ');
        Assert.Contains("pod/prod/pod1", highlighted);
        Assert.Contains("dev/node01/nic", highlighted);
        Assert.Contains("dev/node02/nic", highlighted);
        Assert.Contains(highlighted, id => id.StartsWith("veth-pair:", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByTestId("walk-hop")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("walk-hop").Last).ToHaveAttributeAsync("data-action", "deliver");
        await Assertions.Expect(page.GetByTestId("walk-mode")).ToContainTextAsync("direct-routing");
        await page.ScreenshotAsync(new() { Path = TopologyDemoFixture.DocsScreenshot("packet-walk.png") });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task WalkForm_ToService_DnatsAndKeepsTheLink()
    {
        var errors = new List<string>();
        var page = await OpenAsync(app, "/topology", errors);
        var snapshot = app.Services.GetRequiredService<ISnapshotFeed>().Current;
        var svc = snapshot.Services.First(s => s.Namespace == "dev" && s.Name == "myapp");

        // MudAutocomplete fields: type, then Tab (closes the suggestions; the typed text becomes the value).
        await page.GetByTestId("walk-from").FillAsync("prod/pod1");
        await page.GetByTestId("walk-from").PressAsync("Tab");
        await page.GetByTestId("walk-to").FillAsync("svc/dev/myapp");
        await page.GetByTestId("walk-to").PressAsync("Tab");
        await page.GetByTestId("walk-port").FillAsync(svc.Ports[0].Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByTestId("walk-port").PressAsync("Tab");
        await page.GetByTestId("walk-go").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("to=svc%2Fdev%2Fmyapp"));
        await Assertions.Expect(page.Locator("[data-testid=walk-hop][data-action=dnat]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(Graph)).ToHaveAttributeAsync("data-highlighted", new Regex("pod/prod/pod1"));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task NamespaceFilter_ShowsOnlyThatNamespacesPods()
    {
        var errors = new List<string>();
        var page = await OpenAsync(app, "/topology?ns=dev", errors);

        var graph = page.Locator(Graph);
        await Assertions.Expect(graph).ToHaveAttributeAsync("data-pod-ids", new Regex("^pod/dev/"));
        var pods = (await graph.GetAttributeAsync("data-pod-ids"))!.Split(' ');
        Assert.All(pods, p => Assert.StartsWith("pod/dev/", p));
        Assert.Equal("node/master node/node01 node/node02", await graph.GetAttributeAsync("data-node-ids"));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task ClickPod_DetailsOpenOverThePage_GraphKeepsItsPlaceAndWalkFromHereFocusesTo()
    {
        var errors = new List<string>();
        var page = await OpenAsync(app, "/topology", errors, height: 1000);
        var graph = page.Locator(Graph);
        var box = await graph.BoundingBoxAsync();

        var pos = await ModuleAsync(page, "clientPositionOf('pod/dev/pod1')");
        await page.Mouse.ClickAsync(pos.GetProperty("x").GetSingle(), pos.GetProperty("y").GetSingle());
        var details = page.GetByTestId("details");
        await Assertions.Expect(details).ToHaveAttributeAsync("data-selected", "topology/pod/dev/pod1");

        // The details drawer lies over the page (the shell's), so the graph keeps its size and place, and the pod is where it was.
        var after = await graph.BoundingBoxAsync();
        Assert.Equal((box!.Y, box.Width, box.Height), (after!.Y, after.Width, after.Height));
        var again = await ModuleAsync(page, "clientPositionOf('pod/dev/pod1')");
        Assert.Equal(pos.GetProperty("y").GetSingle(), again.GetProperty("y").GetSingle(), 1);

        await details.GetByTestId("walk-from-here").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("from=dev%2Fpod1"));
        var to = page.GetByTestId("walk-to");
        await Assertions.Expect(to).ToBeFocusedAsync();
        await Assertions.Expect(to).ToBeInViewportAsync();
        await Assertions.Expect(page.GetByTestId("walk-from")).ToHaveValueAsync("dev/pod1");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task GlobalSearch_Pod_SelectsCentresAndOpensTheGraphElementsPanel()
    {
        var errors = new List<string>();
        var page = await OpenAsync(app, "/topology", errors);
        var graph = page.Locator(Graph);

        await Assertions.Expect(page.Locator("html[data-clusternet-shortcuts=ready]")).ToHaveCountAsync(1);
        await page.Locator("#global-search").FillAsync("prod/pod1");
        var hit = page.Locator(".cn-search__hit").Filter(new() { HasText = "prod/pod1" }).First;
        await hit.ClickAsync();

        await Assertions.Expect(page.GetByTestId("details")).ToHaveAttributeAsync("data-selected", "topology/pod/prod/pod1");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("sel=topology%2Fpod%2Fprod%2Fpod1"));
        await Assertions.Expect(graph).ToHaveAttributeAsync("data-selected", "pod/prod/pod1");
        await Assertions.Expect(page.GetByTestId("topology-details")).ToHaveAttributeAsync("data-element", "pod/prod/pod1");

        // Centred in the graph's box.
        var box = (await graph.BoundingBoxAsync())!;
        var pos = await ModuleAsync(page, "clientPositionOf('pod/prod/pod1')");
        Assert.InRange(pos.GetProperty("x").GetSingle(), box.X + box.Width / 2 - 2, box.X + box.Width / 2 + 2);
        Assert.InRange(pos.GetProperty("y").GetSingle(), box.Y + box.Height / 2 - 2, box.Y + box.Height / 2 + 2);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Keyboard_TabToTheGraph_ArrowsMoveEnterSelectsAndTheLiveRegionSaysWhich()
    {
        var errors = new List<string>();
        var page = await OpenAsync(app, "/topology", errors);
        var graph = page.Locator(Graph);

        await graph.FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        var first = await graph.GetAttributeAsync("data-focused");
        Assert.False(string.IsNullOrEmpty(first));
        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(graph).Not.ToHaveAttributeAsync("data-focused", first!);
        var focused = (await graph.GetAttributeAsync("data-focused"))!;
        await Assertions.Expect(page.GetByTestId("topology-announce")).ToContainTextAsync("Enter selects");

        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(graph).ToHaveAttributeAsync("data-selected", focused);
        await Assertions.Expect(page.GetByTestId("details")).ToHaveAttributeAsync("data-selected", $"topology/{focused}");
        await Assertions.Expect(page.GetByTestId("topology-announce")).ToContainTextAsync("Selected ");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task DarkMode_GraphColoursComeFromTheTheme()
    {
        var errors = new List<string>();
        var page = await app.NewPageAsync(ColorScheme.Dark, errors);
        await page.GotoAsync("/topology");
        var graph = page.Locator(Graph);
        await Assertions.Expect(graph).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        await Assertions.Expect(graph).ToHaveAttributeAsync("data-graph-theme", "dark");

        var colors = await ModuleAsync(page, "colorsOf('pod/dev/pod1')");
        Assert.Equal("dark", colors.GetProperty("theme").GetString());
        Assert.True(Luminance(colors.GetProperty("background").GetString()!) < 0.5, colors.ToString());
        Assert.True(Luminance(colors.GetProperty("text").GetString()!) > 0.5, colors.ToString());
        await page.ScreenshotAsync(new() { Path = TopologyDemoFixture.DocsScreenshot("topology-dark.png") });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task GraphModule_TwoInstances_DisposingOneLeavesTheOthersAndThePagesGraph()
    {
        var errors = new List<string>();
        var page = await OpenAsync(app, "/topology", errors);

        var result = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const m = await import('/js/topology-graph.js');
              const make = () => { const d = document.createElement('div'); d.style.width = '300px'; d.style.height = '200px'; document.body.appendChild(d); return d; };
              const a = make(), b = make();
              const ref = { invokeMethodAsync: () => Promise.resolve() };
              const options = JSON.stringify({ elements: [{ id: 'node/x', kind: 'node', label: 'x' }], edges: [], aggregateAbove: 50, foldVethsAbove: 1000 });
              await m.initialize(a, ref, options);
              await m.initialize(b, ref, options);
              m.dispose(a);
              const graph = document.querySelector('[data-testid=topology-graph]');
              const out = { a: a.dataset.ready, b: b.dataset.ready, bNode: Object.keys(m.positionsOf(['node/x'], b)).join(), page: graph.dataset.ready,
                            pagePod: m.clientPositionOf('pod/dev/pod1') !== null };
              m.dispose(b); a.remove(); b.remove();
              return out;
            }
            """);

        Assert.Equal("false", result.GetProperty("a").GetString());
        Assert.Equal("true", result.GetProperty("b").GetString());
        Assert.Equal("node/x", result.GetProperty("bNode").GetString());
        Assert.Equal("true", result.GetProperty("page").GetString());
        Assert.True(result.GetProperty("pagePod").GetBoolean());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task GraphModule_ThemeFlips_ColoursAreReadAgainFromThePalette()
    {
        var errors = new List<string>();
        var page = await OpenAsync(app, "/topology", errors);

        var result = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const m = await import('/js/topology-graph.js');
              const host = document.createElement('div');
              host.setAttribute('data-theme', 'light');
              host.style.setProperty('--mud-palette-surface', '#ffffff');
              host.style.setProperty('--mud-palette-text-primary', '#111111');
              const d = document.createElement('div'); d.style.width = '300px'; d.style.height = '200px';
              host.appendChild(d); document.body.appendChild(host);
              await m.initialize(d, { invokeMethodAsync: () => Promise.resolve() },
                JSON.stringify({ elements: [{ id: 'pod/a/b', kind: 'pod', label: 'b', namespace: 'a' }], edges: [], aggregateAbove: 50, foldVethsAbove: 1000 }));
              const before = m.colorsOf('pod/a/b', d);
              host.style.setProperty('--mud-palette-surface', '#121212');
              host.style.setProperty('--mud-palette-text-primary', '#eeeeee');
              host.setAttribute('data-theme', 'dark');
              await new Promise(r => requestAnimationFrame(r));
              const after = m.colorsOf('pod/a/b', d);
              m.dispose(d); host.remove();
              return { before, after };
            }
            """);

        Assert.Equal("light", result.GetProperty("before").GetProperty("theme").GetString());
        Assert.Equal("dark", result.GetProperty("after").GetProperty("theme").GetString());
        Assert.Equal("rgb(238,238,238)", result.GetProperty("after").GetProperty("text").GetString()!.Replace(" ", ""));
        Assert.NotEqual(result.GetProperty("before").GetProperty("background").GetString(), result.GetProperty("after").GetProperty("background").GetString());
        Assert.Empty(errors);
    }

    private static double Luminance(string rgb)
    {
        var parts = Regex.Matches(rgb, @"\d+").Select(m => double.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture) / 255).ToArray();
        return 0.2126 * parts[0] + 0.7152 * parts[1] + 0.0722 * parts[2];
    }
}
