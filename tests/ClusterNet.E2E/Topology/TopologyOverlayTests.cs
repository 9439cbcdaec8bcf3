using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using ClusterNet.E2E.Infrastructure;
using ClusterNet.Web.Snapshots;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ClusterNet.E2E.Topology;

/// <summary>The reachability overlay on the demo: dev has deny-all-ingress + allow-80-ingress (ipBlock with an except), prod deny-all-egress.</summary>
public sealed class TopologyOverlayTests(TopologyDemoFixture app) : IClassFixture<TopologyDemoFixture>
{
    private const string Graph = "[data-testid=topology-graph][data-ready=true]";

    private static async Task<IPage> OpenAsync(TopologyDemoFixture app, string url, List<string> errors)
    {
        var page = await app.NewPageAsync(consoleErrors: errors);
        await page.SetViewportSizeAsync(1440, 1600);
        await page.GotoAsync(url);
        await Assertions.Expect(page.Locator(Graph)).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        return page;
    }

    /// <summary>Picks an option of a MudSelect: its combobox opens a listbox in the popover layer.</summary>
    private static async Task ChooseAsync(IPage page, string testId, string option)
    {
        await page.GetByTestId(testId).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Listbox)).ToHaveCountAsync(0);
    }

    private static Task<JsonElement> ModuleAsync(IPage page, string call) =>
        page.EvaluateAsync<JsonElement>($"async () => {{ const m = await import('/js/topology-graph.js'); return m.{call}; }}");

    private PodReachability Expected(string pod, ReachProbe probe, bool outbound)
    {
        var engine = PolicyEngine.Build(app.Services.GetRequiredService<ISnapshotFeed>().Current);
        return outbound ? engine.ReachabilityFrom(ObjectKey.Parse(pod), probe) : engine.ReachabilityTo(ObjectKey.Parse(pod), probe);
    }

    private static string Count(PodReachability r, ReachVerdict v) =>
        r.Peers.Count(p => p.Pod != r.Pod && p.Verdict == v).ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task DeepLink_ToDevPodOnPort22_CountsMatchTheEngineAndDeniedPodsCarryTheClass()
    {
        var errors = new List<string>();
        var page = await OpenAsync(app, "/topology?overlay=to&oport=22&oproto=TCP&opod=dev%2Fpod1", errors);
        var expected = Expected("dev/pod1", ReachProbe.Tcp(22), outbound: false);

        var graph = page.Locator(Graph);
        await Assertions.Expect(graph).ToHaveAttributeAsync("data-overlay-origin", "pod/dev/pod1");
        Assert.Equal(Count(expected, ReachVerdict.Denied), await graph.GetAttributeAsync("data-overlay-denied"));
        Assert.Equal(Count(expected, ReachVerdict.Allowed), await graph.GetAttributeAsync("data-overlay-allowed"));
        Assert.Equal(Count(expected, ReachVerdict.DependsOnImplementation), await graph.GetAttributeAsync("data-overlay-depends"));
        Assert.NotEqual("0", await graph.GetAttributeAsync("data-overlay-denied"));

        // dev/myapp-… sits behind the same deny-all-ingress as dev/pod1's namespace neighbours: on 22 it cannot reach dev/pod1.
        var denied = (await graph.GetAttributeAsync("data-overlay-denied-ids"))!.Split(' ');
        var classes = await ModuleAsync(page, $"overlayClassesOf({JsonSerializer.Serialize(denied)})");
        Assert.All(denied, id => Assert.Equal("ov-denied", classes.GetProperty(id).GetString()));
        Assert.Equal("ov-origin", (await ModuleAsync(page, "overlayClassesOf(['pod/dev/pod1'])")).GetProperty("pod/dev/pod1").GetString());

        await Assertions.Expect(page.GetByTestId("overlay-not-enforced")).ToContainTextAsync("Policies are not enforced by flannel");
        await Assertions.Expect(page.GetByTestId("overlay-summary")).ToContainTextAsync(new Regex(@"^\d+ pods → dev/pod1 on TCP 22: 0 allowed, \d+ denied by .*dev/deny-all-ingress.*; not enforced by this CNI \(flannel\)\.$"));
        await page.ScreenshotAsync(new() { Path = TopologyDemoFixture.DocsScreenshot("topology-overlay.png") });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task SelectPodThenTurnOverlayOn_FromProdPod_EgressDenyAllColoursEveryPodDenied()
    {
        var errors = new List<string>();
        var page = await OpenAsync(app, "/topology", errors);
        var graph = page.Locator(Graph);
        Assert.Null(await graph.GetAttributeAsync("data-overlay"));

        var pos = await ModuleAsync(page, "clientPositionOf('pod/prod/pod1')");
        await page.Mouse.ClickAsync(pos.GetProperty("x").GetSingle(), pos.GetProperty("y").GetSingle());
        await Assertions.Expect(graph).ToHaveAttributeAsync("data-selected", "pod/prod/pod1");
        await ChooseAsync(page, "overlay-direction", "from the pod (whom it reaches)");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("overlay=from"));
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("oport=80"));
        await Assertions.Expect(graph).ToHaveAttributeAsync("data-overlay-origin", "pod/prod/pod1");
        var expected = Expected("prod/pod1", ReachProbe.Tcp(80), outbound: true);
        Assert.Equal(Count(expected, ReachVerdict.Denied), await graph.GetAttributeAsync("data-overlay-denied"));
        Assert.Equal("0", await graph.GetAttributeAsync("data-overlay-allowed"));
        await Assertions.Expect(page.GetByTestId("overlay-summary")).ToContainTextAsync(new Regex(@"^prod/pod1 → \d+ pods on TCP 80: 0 allowed, "));
        await Assertions.Expect(page.GetByTestId("overlay-summary")).ToContainTextAsync("denied by prod/deny-all-egress");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("opod=prod%2Fpod1"));

        // The overlay's pod is pinned: clicking a denied pod selects it as a peer, with the Policies cell one click away.
        // Nothing above the graph changes height on a selection and details open over the page, so one click lands.
        pos = await ModuleAsync(page, "clientPositionOf('pod/dev/pod1')");
        await page.Mouse.ClickAsync(pos.GetProperty("x").GetSingle(), pos.GetProperty("y").GetSingle());
        var peer = page.GetByTestId("overlay-selected-peer");
        await Assertions.Expect(peer).ToHaveAttributeAsync("data-state", "denied");
        await Assertions.Expect(peer).ToContainTextAsync("prod/pod1 → dev/pod1 on TCP 80: denied by");
        await Assertions.Expect(graph).ToHaveAttributeAsync("data-overlay-origin", "pod/prod/pod1");
        Assert.Equal("/policies?probe=80%2FTCP&from=prod&to=dev&cell=prod%2Fpod1%3Edev%2Fpod1", await peer.GetByTestId("overlay-selected-explain").GetAttributeAsync("href"));

        // Turning it off clears the classes and the mirrored counts.
        await ChooseAsync(page, "overlay-direction", "off");
        await Assertions.Expect(graph).Not.ToHaveAttributeAsync("data-overlay", "on");
        Assert.Equal("", (await ModuleAsync(page, "overlayClassesOf(['pod/prod/pod1'])")).GetProperty("pod/prod/pod1").GetString());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task DeniedPodLink_OpensThePoliciesPageExplanationForThatCell()
    {
        var errors = new List<string>();
        var page = await OpenAsync(app, "/topology?overlay=to&oport=22&oproto=TCP&opod=dev%2Fpod1", errors);

        var link = page.GetByTestId("overlay-denied-link").First;
        var pod = await link.TextContentAsync();
        await link.ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/policies\\?probe=22%2FTCP&.*cell="));
        var explanation = page.GetByTestId("policy-explanation");
        await Assertions.Expect(explanation).ToContainTextAsync(pod!.Trim());
        await Assertions.Expect(explanation).ToContainTextAsync("dev/pod1");
        Assert.Empty(errors);
    }
}
