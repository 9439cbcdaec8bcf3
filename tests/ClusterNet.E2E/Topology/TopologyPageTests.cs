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

        await page.GetByTestId("walk-from").FillAsync("prod/pod1");
        await page.GetByTestId("walk-to").FillAsync("svc/dev/myapp");
        await page.GetByTestId("walk-port").FillAsync(svc.Ports[0].Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
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
}
