using Bunit;
using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using ClusterNet.Web.Components.Topology;
using ClusterNet.Web.Tests.Infrastructure;
using ClusterNet.Core.Topology.Overlay;
using MudBlazor;

namespace ClusterNet.Web.Tests.Topology.Overlay;

public class ReachabilityOverlayPanelTests : ShellTestContext
{
    private static ReachabilityOverlay Demo(bool? enforces, int port = 22) =>
        ReachabilityOverlayBuilder.Build(PolicyEngine.Build(TopologyTestData.DemoSnapshot()), new ObjectKey("dev", "pod1"), ReachProbe.Tcp(port),
            OverlayDirection.To, new PolicyEnforcement("flannel", enforces, []))!;

    [Fact]
    public void Render_FlannelAlone_SaysPoliciesAreNotEnforcedAboveTheSummary()
    {
        var overlay = Demo(enforces: false);

        var cut = Render<ReachabilityOverlayPanel>(p => p
            .Add(x => x.Query, new OverlayQuery(OverlayDirection.To, 22, "TCP", "dev/pod1"))
            .Add(x => x.Overlay, overlay));

        Assert.Contains("Policies are not enforced by flannel: everything is reachable in practice; colours show what a policy-enforcing CNI would do.",
            cut.Find("[data-testid=overlay-not-enforced]").TextContent);
        Assert.Equal(overlay.Summary, cut.Find("[data-testid=overlay-summary]").TextContent);
        Assert.Equal("to", cut.Find("[data-testid=overlay-panel]").GetAttribute("data-overlay"));
    }

    [Fact]
    public void Render_Enforced_LegendCountsEachStateWithMarksAndNoWarning()
    {
        var overlay = Demo(enforces: true);

        var cut = Render<ReachabilityOverlayPanel>(p => p
            .Add(x => x.Query, new OverlayQuery(OverlayDirection.To, 22, "TCP", null))
            .Add(x => x.Overlay, overlay));

        Assert.Empty(cut.FindAll("[data-testid=overlay-not-enforced]"));
        var items = cut.FindAll("[data-testid=overlay-legend] li");
        Assert.Equal(["allowed", "denied", "depends", "origin"], items.Select(i => i.GetAttribute("data-state")));
        Assert.Equal(overlay.DeniedCount.ToString(System.Globalization.CultureInfo.InvariantCulture), items[1].GetAttribute("data-count"));
        Assert.Contains(OverlayLegend.DeniedMark, items[1].TextContent);
    }

    [Fact]
    public void Render_DeniedPods_LinkToThePoliciesPageCell()
    {
        var overlay = Demo(enforces: true);

        var cut = Render<ReachabilityOverlayPanel>(p => p
            .Add(x => x.Query, new OverlayQuery(OverlayDirection.To, 22, "TCP", null))
            .Add(x => x.Overlay, overlay));

        var links = cut.FindAll("[data-testid=overlay-denied-link]");
        Assert.Equal(overlay.DeniedCount, links.Count);
        var first = overlay.Peers.First(p => p.State == OverlayState.Denied);
        Assert.Equal($"/policies?probe=22%2FTCP&from={first.Pod.Namespace}&to=dev&cell={Uri.EscapeDataString($"{first.Pod}>dev/pod1")}", links[0].GetAttribute("href"));
    }

    [Fact]
    public async Task Change_DirectionSelect_RaisesOnChangeWithTheNewDirection()
    {
        OverlayQuery? changed = null;
        var cut = Render<ReachabilityOverlayPanel>(p => p
            .Add(x => x.Query, new OverlayQuery(null, 80, "TCP", null))
            .Add(x => x.OnChange, s => changed = s));
        var direction = cut.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Direction");

        await cut.InvokeAsync(() => direction.Instance.ValueChanged.InvokeAsync("from"));

        Assert.Equal(new OverlayQuery(OverlayDirection.From, 80, "TCP", null), changed);
        Assert.Empty(cut.FindAll("[data-testid=overlay-summary]"));
    }

    [Fact]
    public void Render_Inputs_AreMudBlazorFieldsWithTheirLabels()
    {
        var cut = Render<ReachabilityOverlayPanel>(p => p.Add(x => x.Query, new OverlayQuery(OverlayDirection.From, 80, "TCP", null)));

        var port = cut.FindComponent<MudNumericField<int>>();
        Assert.Equal((1, 65535), (port.Instance.Min, port.Instance.Max));
        Assert.Equal("Overlay pod", cut.FindComponent<MudAutocomplete<string>>().Find("input").GetAttribute("aria-label"));
        Assert.Empty(cut.FindAll("select"));
        Assert.Equal("overlay-port", cut.Find("input[aria-label='Overlay port']").GetAttribute("data-testid"));
    }

    [Fact]
    public void Render_SelectedPeerDenied_ExplainsItAndOffersToMoveTheOverlay()
    {
        var overlay = Demo(enforces: true);
        var denied = overlay.Peers.First(p => p.State == OverlayState.Denied);
        OverlayQuery? changed = null;

        var cut = Render<ReachabilityOverlayPanel>(p => p
            .Add(x => x.Query, new OverlayQuery(OverlayDirection.To, 22, "TCP", "dev/pod1"))
            .Add(x => x.Overlay, overlay)
            .Add(x => x.SelectedPod, denied.Pod.ToString())
            .Add(x => x.OnChange, s => changed = s));

        var peer = cut.Find("[data-testid=overlay-selected-peer]");
        Assert.Equal("denied", peer.GetAttribute("data-state"));
        Assert.Contains($"{denied.Pod} → dev/pod1 on TCP 22: denied by ", peer.TextContent);
        Assert.DoesNotContain("not enforced", peer.TextContent);
        Assert.Equal(denied.ExplainLink, cut.Find("[data-testid=overlay-selected-explain]").GetAttribute("href"));
        cut.Find("[data-testid=overlay-use-selected]").Click();
        Assert.Equal(denied.Pod.ToString(), changed?.Pod);
    }

    [Fact]
    public void Render_SelectedPodIsTheOverlaysOwn_ShowsNoPeerLine()
    {
        var cut = Render<ReachabilityOverlayPanel>(p => p
            .Add(x => x.Query, new OverlayQuery(OverlayDirection.To, 22, "TCP", null))
            .Add(x => x.Overlay, Demo(enforces: true))
            .Add(x => x.SelectedPod, "dev/pod1"));

        Assert.Empty(cut.FindAll("[data-testid=overlay-selected-peer]"));
    }
}
