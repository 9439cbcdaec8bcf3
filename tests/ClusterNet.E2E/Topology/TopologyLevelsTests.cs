using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ClusterNet.E2E.Topology;

/// <summary>The graph at every size on the demo: readable at the first fit, levels by double-click and URL, focus by search.</summary>
public sealed class TopologyLevelsTests(TopologyDemoFixture app) : IClassFixture<TopologyDemoFixture>
{
    private const string Graph = "[data-testid=topology-graph][data-ready=true]";

    private static async Task<IPage> OpenAsync(TopologyDemoFixture app, string url, List<string> errors)
    {
        var page = await app.NewPageAsync(consoleErrors: errors);
        await page.GotoAsync(url);
        await Assertions.Expect(page.Locator(Graph)).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        return page;
    }

    private static Task<JsonElement> ModuleAsync(IPage page, string call) =>
        page.EvaluateAsync<JsonElement>($"async () => {{ const m = await import('/js/topology-graph.js'); return m.{call}; }}");

    private static async Task DoubleClickAsync(IPage page, string id)
    {
        var pos = await ModuleAsync(page, $"clientPositionOf('{id}')");
        Assert.NotEqual(JsonValueKind.Null, pos.ValueKind);
        await page.Mouse.DblClickAsync(pos.GetProperty("x").GetSingle(), pos.GetProperty("y").GetSingle());
    }

    [Theory]
    [InlineData("/topology")]
    [InlineData("/topology?level=cluster")]
    [InlineData("/topology?level=node&node=node01")]
    public async Task InitialFit_LabelsAtLeast11PxNothingOverlaps(string url)
    {
        var errors = new List<string>();
        var page = await OpenAsync(app, url, errors);

        var r = await ModuleAsync(page, "readability()");

        Assert.True(r.GetProperty("minFontPx").GetDouble() >= 11, $"smallest label {r.GetProperty("minFontPx")} px at zoom {r.GetProperty("zoom")}");
        // Every pod, node and counted box keeps its label at this zoom (only veth names wait for a closer look).
        // (Playwright marks serialized objects with "$id".)
        Assert.Equal([], r.GetProperty("hidden").EnumerateObject().Select(p => p.Name).Where(n => n is not ("veth" or "$id")));

        Assert.Equal(0, r.GetProperty("overlaps").GetArrayLength());
        Assert.True(r.GetProperty("leaves").GetInt32() > 3);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Hover_ShortenedLabel_FullNameInTheTitle()
    {
        var errors = new List<string>();
        var page = await OpenAsync(app, "/topology", errors);
        var graph = page.Locator(Graph);

        var pos = await ModuleAsync(page, "clientPositionOf('pod/dev/pod1')");
        await page.Mouse.MoveAsync(pos.GetProperty("x").GetSingle(), pos.GetProperty("y").GetSingle());

        await Assertions.Expect(graph).ToHaveAttributeAsync("title", "dev/pod1");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Levels_DoubleClickOpensANode_UrlHoldsIt_LevelBarGoesBack()
    {
        var errors = new List<string>();
        var page = await OpenAsync(app, "/topology?level=cluster", errors);
        var graph = page.Locator(Graph);
        await Assertions.Expect(graph).ToHaveAttributeAsync("data-collapsed-count", "3");
        Assert.Equal("", await graph.GetAttributeAsync("data-pod-ids"));

        await DoubleClickAsync(page, "node/node01");

        // The double-click's first click selects the node (sel=...), so the parameters are checked one by one: both
        // changes land whatever order the browser reports them in (UrlState builds on its own pending navigation).
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("[?&]level=node(&|$)"));
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("[?&]node=node01(&|$)"));
        await Assertions.Expect(graph).ToHaveAttributeAsync("data-level", new Regex("^Node\\|node01\\|"));
        await Assertions.Expect(page.GetByTestId("level-node")).ToHaveTextAsync("node01");
        Assert.Contains("pod/dev/pod1", (await graph.GetAttributeAsync("data-pod-ids"))!.Split(' '));
        var r = await ModuleAsync(page, "readability()");
        Assert.Equal(0, r.GetProperty("overlaps").GetArrayLength());

        await page.GetByTestId("level-cluster").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("level=cluster"));
        await Assertions.Expect(graph).ToHaveAttributeAsync("data-level", new Regex("^Cluster\\|"));
        await Assertions.Expect(graph).ToHaveAttributeAsync("data-collapsed-count", "3");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Focus_SearchAPodAtTheClusterLevel_ShowsItWithItsNodeAndServices()
    {
        var errors = new List<string>();
        var page = await OpenAsync(app, "/topology?level=cluster", errors);
        var graph = page.Locator(Graph);

        await Assertions.Expect(page.Locator("html[data-clusternet-shortcuts=ready]")).ToHaveCountAsync(1);
        await page.Locator("#global-search").FillAsync("prod/pod1");
        await page.Locator(".cn-search__hit").Filter(new() { HasText = "prod/pod1" }).First.ClickAsync();

        await Assertions.Expect(graph).ToHaveAttributeAsync("data-selected", "pod/prod/pod1");
        await Assertions.Expect(graph).ToHaveAttributeAsync("data-level", "Node|node02|pod/prod/pod1");
        await Assertions.Expect(page.GetByTestId("level-focus")).ToHaveTextAsync("prod/pod1");
        // Its node is open (devices drawn), the other nodes stay counted boxes.
        var drawn = await ModuleAsync(page, "positionsOf(['dev/node02/nic', 'node/master', 'pod/prod/pod1'])");
        Assert.True(drawn.TryGetProperty("dev/node02/nic", out _));
        Assert.True(drawn.TryGetProperty("pod/prod/pod1", out _));
        await Assertions.Expect(graph).ToHaveAttributeAsync("data-collapsed-count", "2");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Focus_DeepLink_ReproducesTheView()
    {
        var errors = new List<string>();
        var page = await OpenAsync(app, "/topology?level=node&node=node01&focus=dev%2Fpod1", errors);
        var graph = page.Locator(Graph);

        await Assertions.Expect(graph).ToHaveAttributeAsync("data-level", "Node|node01|pod/dev/pod1");
        await Assertions.Expect(page.GetByTestId("level-focus")).ToHaveTextAsync("dev/pod1");
        Assert.Contains("pod/dev/pod1", (await graph.GetAttributeAsync("data-pod-ids"))!.Split(' '));
        Assert.Empty(errors);
    }
}
