using Bunit;
using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using ClusterNet.Web.Components.Topology;
using ClusterNet.Web.Tests.Infrastructure;
using ClusterNet.Web.Topology.Overlay;

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
            .Add(x => x.Settings, new OverlaySettings(OverlayDirection.To, 22, "TCP", "dev/pod1"))
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
            .Add(x => x.Settings, new OverlaySettings(OverlayDirection.To, 22, "TCP", null))
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
            .Add(x => x.Settings, new OverlaySettings(OverlayDirection.To, 22, "TCP", null))
            .Add(x => x.Overlay, overlay));

        var links = cut.FindAll("[data-testid=overlay-denied-link]");
        Assert.Equal(overlay.DeniedCount, links.Count);
        var first = overlay.Peers.First(p => p.State == OverlayState.Denied);
        Assert.Equal($"/policies?probe=22%2FTCP&from={first.Pod.Namespace}&to=dev&cell={Uri.EscapeDataString($"{first.Pod}>dev/pod1")}", links[0].GetAttribute("href"));
    }

    [Fact]
    public void Change_DirectionSelect_RaisesOnChangeWithTheNewDirection()
    {
        OverlaySettings? changed = null;
        var cut = Render<ReachabilityOverlayPanel>(p => p
            .Add(x => x.Settings, new OverlaySettings(null, 80, "TCP", null))
            .Add(x => x.OnChange, s => changed = s));

        cut.Find("[data-testid=overlay-direction]").Change("from");

        Assert.Equal(new OverlaySettings(OverlayDirection.From, 80, "TCP", null), changed);
        Assert.Empty(cut.FindAll("[data-testid=overlay-summary]"));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("70000")]
    [InlineData("abc")]
    public void Change_BadPort_IsIgnored(string port)
    {
        OverlaySettings? changed = null;
        var cut = Render<ReachabilityOverlayPanel>(p => p
            .Add(x => x.Settings, new OverlaySettings(OverlayDirection.From, 80, "TCP", null))
            .Add(x => x.OnChange, s => changed = s));

        cut.Find("[data-testid=overlay-port]").Change(port);

        Assert.Null(changed);
    }
}
