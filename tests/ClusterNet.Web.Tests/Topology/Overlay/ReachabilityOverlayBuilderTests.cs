using System.Collections.Immutable;
using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using ClusterNet.Core.Topology.Overlay;

namespace ClusterNet.Web.Tests.Topology.Overlay;

public class ReachabilityOverlayBuilderTests
{
    private static readonly PolicyEnforcement Enforced = new("calico", true, ["test"]);

    private static ReachabilityOverlay Build(string pod, int port, OverlayDirection direction, PolicyEnforcement? enforcement = null)
    {
        var snapshot = TopologyTestData.DemoSnapshot();
        return ReachabilityOverlayBuilder.Build(PolicyEngine.Build(snapshot), ObjectKey.Parse(pod), ReachProbe.Tcp(port), direction, enforcement ?? Enforced)!;
    }

    private static ObjectKey[] Pods(ReachabilityOverlay o, OverlayState state) => [.. o.Peers.Where(p => p.State == state).Select(p => p.Pod)];

    [Fact]
    public void Build_ToDevPodOnPort22_DeniesEveryOtherPodByDenyAll()
    {
        // allow-80-ingress opens 80 and 443 only, so on 22 dev's default deny leaves nobody in.
        var o = Build("dev/pod1", 22, OverlayDirection.To);

        Assert.Equal(0, o.AllowedCount);
        Assert.Equal(o.Peers.Length, o.DeniedCount + o.DependsCount);
        Assert.Contains(new ObjectKey("dev", "deny-all-ingress"), o.DeniedByPolicy.Select(x => x.Policy));
        Assert.StartsWith($"{o.Peers.Length} pods → dev/pod1 on TCP 22: 0 allowed, {o.DeniedCount} denied by ", o.Summary);
        Assert.DoesNotContain(o.Peers, p => p.Pod == new ObjectKey("dev", "pod1"));
    }

    [Fact]
    public void Build_FromProdPod_EgressDenyAllDeniesAllButHostNetworkPods()
    {
        var o = Build("prod/pod1", 80, OverlayDirection.From);

        Assert.Equal(0, o.AllowedCount);
        Assert.True(o.DeniedCount > 0);
        Assert.All(o.Peers.Where(p => p.State == OverlayState.Denied), p => Assert.Contains(new ObjectKey("prod", "deny-all-egress"), p.DeniedBy));
        Assert.StartsWith($"prod/pod1 → {o.Peers.Length} pods on TCP 80: 0 allowed, {o.DeniedCount} denied by prod/deny-all-egress", o.Summary);
    }

    [Fact]
    public void Build_ToDevPodOnPort80_AllowsPodsInTheIpBlockAsImplementationDefined()
    {
        var o = Build("dev/pod1", 80, OverlayDirection.To);

        // Sources admitted only through the ipBlock 10.244.0.0/16 are implementation-defined; the except (10.244.1.2) is denied.
        Assert.True(o.DependsCount > 0);
        Assert.Contains("implementation-defined", o.Summary);
        Assert.All(o.Peers.Where(p => p.State == OverlayState.Depends), p => Assert.True(p.Allowed || p.DeniedBy.IsEmpty));
    }

    [Fact]
    public void Build_NoSuchPod_ReturnsNull()
    {
        var snapshot = TopologyTestData.DemoSnapshot();

        var o = ReachabilityOverlayBuilder.Build(PolicyEngine.Build(snapshot), new ObjectKey("dev", "ghost"), ReachProbe.Tcp(80), OverlayDirection.From, Enforced);

        Assert.Null(o);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    [InlineData(null)]
    public void Build_Enforcement_SetsPoliciesIgnoredOnlyWhenTheCniEnforcesNothing(bool? enforces)
    {
        var o = Build("dev/pod1", 80, OverlayDirection.To, new PolicyEnforcement("flannel", enforces, []));

        Assert.Equal(enforces == false, o.PoliciesIgnored);
        Assert.Equal("flannel", o.Cni);
    }

    [Fact]
    public void ElementStates_MarksTheChosenPodOriginAndEveryPeer()
    {
        var o = Build("dev/pod1", 22, OverlayDirection.To);

        var map = o.ElementStates();

        Assert.Equal(OverlayState.Origin, map["pod/dev/pod1"]);
        Assert.Equal(o.Peers.Length + 1, map.Count);
        Assert.All(Pods(o, OverlayState.Denied), k => Assert.Equal(OverlayState.Denied, map[$"pod/{k}"]));
    }

    [Fact]
    public void Peers_AreOrderedDeniedThenDependsThenAllowed()
    {
        var o = Build("dev/pod1", 80, OverlayDirection.To);

        var ranks = o.Peers.Select(p => p.State switch { OverlayState.Denied => 0, OverlayState.Depends => 1, _ => 2 }).ToArray();

        Assert.Equal(ranks.Order(), ranks);
    }

    [Theory]
    [InlineData("dev/pod1", "prod/pod1", 80, "/policies?probe=80%2FTCP&from=dev&to=prod&cell=dev%2Fpod1%3Eprod%2Fpod1")]
    [InlineData("a/x", "a/y", 53, "/policies?probe=53%2FTCP&from=a&to=a&cell=a%2Fx%3Ea%2Fy")]
    public void ExplainLink_PairAndProbe_IsThePoliciesPageCellDeepLink(string from, string to, int port, string expected) =>
        Assert.Equal(expected, ReachabilityOverlayBuilder.ExplainLink(ObjectKey.Parse(from), ObjectKey.Parse(to), ReachProbe.Tcp(port)));

    [Fact]
    public void Legend_FiveDenied_CountsEachStateWithAMark()
    {
        var pods = Enumerable.Range(0, 5).Select(i => new OverlayPeer
        {
            Pod = new ObjectKey("a", $"p{i}"), ElementId = $"pod/a/p{i}", State = OverlayState.Denied, Allowed = false,
            DeniedBy = [new ObjectKey("a", $"pol{i % 4}")], ExplainLink = "",
        }).ToImmutableArray();
        var o = new ReachabilityOverlay
        {
            Pod = new ObjectKey("a", "me"), Probe = ReachProbe.Tcp(80), Direction = OverlayDirection.To, Peers = pods, PoliciesIgnored = false,
            DeniedByPolicy = [(new ObjectKey("a", "pol0"), 2), (new ObjectKey("a", "pol1"), 1), (new ObjectKey("a", "pol2"), 1), (new ObjectKey("a", "pol3"), 1)],
            Summary = "",
        };

        var legend = OverlayLegend.For(o);

        Assert.Equal([OverlayState.Allowed, OverlayState.Denied, OverlayState.Depends, OverlayState.Origin], legend.Select(i => i.State));
        Assert.Equal([0, 5, 0, 1], legend.Select(i => i.Count));
        Assert.All(legend, i => Assert.False(string.IsNullOrEmpty(i.Mark)));
    }

    [Fact]
    public void Summary_FlannelAlone_CountsEachVerdictInTheOneWordingWithTheQualifier()
    {
        // The "0 of 16 pods can reach dev/pod1" hid 15 implementation-defined pairs and that flannel enforces nothing.
        var o = Build("dev/pod1", 22, OverlayDirection.To, new PolicyEnforcement("flannel", false, []));

        Assert.Equal("not enforced by this CNI (flannel)", o.Qualifier);
        Assert.StartsWith($"{o.Peers.Length} pods → dev/pod1 on TCP 22: 0 allowed, {o.DeniedCount} denied by ", o.Summary);
        if (o.DependsCount > 0)
        {
            Assert.Contains($", {o.DependsCount} implementation-defined (", o.Summary);
        }

        Assert.EndsWith("; not enforced by this CNI (flannel).", o.Summary);
        Assert.DoesNotContain("can reach", o.Summary);
    }

    [Fact]
    public void Legend_SaysTheVerdictWords()
    {
        var o = Build("dev/pod1", 22, OverlayDirection.To);

        var legend = OverlayLegend.For(o);

        Assert.StartsWith("allowed: can reach dev/pod1 on TCP 22 (", legend[0].Text);
        Assert.StartsWith("denied by a NetworkPolicy (", legend[1].Text);
        Assert.StartsWith("implementation-defined: depends on the CNI (", legend[2].Text);
    }
}
