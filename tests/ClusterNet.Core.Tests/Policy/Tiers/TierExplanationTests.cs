using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using ClusterNet.Core.Policy.Chain;
using ClusterNet.Core.Policy.Queries;
using static ClusterNet.Core.Tests.Policy.Np;
using static ClusterNet.Core.Tests.Policy.Tiers.Cnp;

namespace ClusterNet.Core.Tests.Policy.Tiers;

/// <summary>The explanation walks the chain in the words; reach cells name the tier and policy; caveats for ties.</summary>
public sealed class TierExplanationTests
{
    private static readonly string[] Pods = ["x/a", "y/a", "z/a"];
    private static readonly ReachProbe Tcp80 = ReachProbe.Tcp(80);

    private static ReachExplanation Explain(ClusterSnapshot snapshot, string from, string to, ReachProbe? probe = null) =>
        PolicyEngine.Build(snapshot).Explain(ReachEndpoint.OfPod(ObjectKey.Parse(from)), ReachEndpoint.OfPod(ObjectKey.Parse(to)), probe ?? Tcp80);

    [Fact]
    public void PassThenNetworkPolicy_ReadsAsTheChain()
    {
        var blockDb = Admin("block-db", 10, SubjectNs("x"), ingress: [Deny(Ns("z")), Pass(Ns("y"))]);
        var allow80 = NetPol("x", "allow-80", All, ingress: [Rule([Namespaces(All)], [Port(80)])]);
        var e = Explain(Snapshot(Pods, [allow80], blockDb), "y/a", "x/a");
        Assert.True(e.Allowed);
        Assert.Equal(ReachVerdict.Allowed, e.Verdict);
        Assert.Contains("Admin tier: ClusterNetworkPolicy `block-db` priority 10, ingress rule 2 `Pass` → NetworkPolicy `x/allow-80` ingress[0] allows TCP 80", e.Summary);
        Assert.Equal([StageDecision.Pass, StageDecision.Allow], e.Ingress.Chain.Select(s => s.Decision));
        Assert.Equal("Admin tier", e.Ingress.Chain[0].Tier);
        Assert.Equal(1, e.Ingress.Chain[0].RuleIndex);

        var cell = ReachCellDto.Of(e);
        Assert.Contains("ClusterNetworkPolicy `block-db`", cell.Reason);
        Assert.Null(cell.Caveat);
    }

    [Fact]
    public void AdminDeny_ReasonNamesTierAndPolicy()
    {
        var blockDb = Admin("block-db", 10, SubjectNs("x"), ingress: [Deny(Ns("z"))]);
        var e = Explain(Snapshot(Pods, [], blockDb), "z/a", "x/a");
        Assert.False(e.Allowed);
        Assert.StartsWith("Denied: x/a ingress: Admin tier: ClusterNetworkPolicy `block-db` priority 10, ingress rule 1 `Deny`", e.Summary);
        Assert.Contains(e.Ingress.Chain[0].Reasons, r => r.Contains("namespaces ns=z matches z/a"));
    }

    [Fact]
    public void Baseline_ExplainsThatNoNetworkPolicySelects()
    {
        var banp = Banp(SubjectNs("x"), ingress: [Deny(Ns("z"))]);
        var e = Explain(Snapshot(Pods, [], banp), "z/a", "x/a");
        Assert.False(e.Allowed);
        Assert.Contains("NetworkPolicy: none selects x/a for ingress → Baseline tier: BaselineAdminNetworkPolicy `default`, ingress rule 1 `Deny`", e.Summary);
    }

    [Fact]
    public void DefaultAllow_EndsTheChain()
    {
        var banp = Banp(SubjectNs("x"), ingress: [Deny(Ns("z"))]);
        var e = Explain(Snapshot(Pods, [], banp), "y/a", "x/a");
        Assert.True(e.Allowed);
        Assert.EndsWith("no tier decides: allowed by default.", e.Summary);
    }

    [Fact]
    public void DomainNames_NeverMatchAPod_AndExternalAddressesGetANote()
    {
        var egress = Admin("dns-allow", 10, SubjectNs("x"), egress: [Accept(Domains("*.example.com")), Deny(Networks("0.0.0.0/0"))]);
        var snapshot = Snapshot(Pods, [], egress);
        var toPod = Explain(snapshot, "x/a", "y/a");
        Assert.False(toPod.Allowed);
        Assert.Contains(toPod.Egress.Chain[0].Reasons, r => r.Contains("domainNames never match a pod"));

        var engine = PolicyEngine.Build(snapshot);
        var external = engine.Explain(ReachEndpoint.OfPod(ObjectKey.Parse("x/a")), ReachEndpoint.External("93.184.216.34"), ReachProbe.Tcp(443));
        Assert.False(external.Allowed);
        Assert.Contains("resolves to this address may be accepted", external.Summary);
    }

    [Fact]
    public void Recompute_AfterNetworkPolicyChange_MatchesAFreshMatrix()
    {
        var pass = Admin("pass", 10, SubjectNs("x"), ingress: [Pass(Ns("y")), Deny(Ns("z"))]);
        var engine = PolicyEngine.Build(Snapshot(Pods, [], pass, Baseline("base", 5, SubjectNs("x"), ingress: [Deny(Ns("y"))])));
        var matrix = engine.ComputeMatrix([Tcp80, ReachProbe.Tcp(81)]);
        var allowY = NetPol("x", "allow-y-80", All, ingress: [Rule([Namespaces(Sel(("ns", "y")))], [Port(80)])]);
        var changed = engine.WithPolicy(allowY);
        var patched = matrix.Recompute(changed, [allowY.Key]);
        var fresh = PolicyEngine.Build(changed.Snapshot).ComputeMatrix([Tcp80, ReachProbe.Tcp(81)]);
        for (var f = 0; f < Pods.Length; f++)
        {
            for (var t = 0; t < Pods.Length; t++)
            {
                for (var p = 0; p < 2; p++)
                {
                    Assert.Equal(fresh.VerdictOf(f, t, p), patched.VerdictOf(f, t, p));
                }
            }
        }

        var y = changed.IndexOf(ObjectKey.Parse("y/a"));
        var x = changed.IndexOf(ObjectKey.Parse("x/a"));
        Assert.True(patched.IsAllowed(y, x, 0));
        Assert.False(patched.IsAllowed(y, x, 1));
    }

    [Fact]
    public void WithClusterPolicy_RebuildsTheTiers()
    {
        var engine = PolicyEngine.Build(Snapshot(Pods, []));
        Assert.False(engine.HasTiers);
        var deny = Admin("deny-z", 10, SubjectNs("x"), ingress: [Deny(Ns("z"))]);
        var edited = engine.WithClusterPolicy(deny);
        Assert.True(edited.HasTiers);
        Assert.False(edited.Explain(ReachEndpoint.OfPod(ObjectKey.Parse("z/a")), ReachEndpoint.OfPod(ObjectKey.Parse("x/a")), Tcp80).Allowed);
        var removed = edited.WithoutClusterPolicy(ClusterPolicyKind.ClusterNetworkPolicy, "deny-z");
        Assert.True(removed.Explain(ReachEndpoint.OfPod(ObjectKey.Parse("z/a")), ReachEndpoint.OfPod(ObjectKey.Parse("x/a")), Tcp80).Allowed);
    }
}
