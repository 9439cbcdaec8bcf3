using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using static ClusterNet.Core.Tests.Policy.Np;
using static ClusterNet.Core.Tests.Policy.Tiers.Cnp;

namespace ClusterNet.Core.Tests.Policy.Tiers;

/// <summary>
/// The network-policy-api conformance scenarios (admin_tier, baseline_tier, api_integration at v0.2.0) re-expressed as
/// truth tables over our x/y/z × a/b/c model: every table is checked against the matrix, the one-pod query, the
/// explainer and the naive evaluator (TruthTable.Verify), so the tier chain answers alike on every path.
/// </summary>
public sealed class TierConformanceTests
{
    private static readonly string[] Pods = ["x/a", "x/b", "y/a", "y/b", "z/a"];
    private static readonly ReachProbe Tcp80 = ReachProbe.Tcp(80);
    private static readonly ReachProbe Tcp81 = ReachProbe.Tcp(81);

    private static void Check(ReachProbe probe, Action<TruthTable> expect, NetworkPolicyInfo[] policies, params ClusterPolicyInfo[] cluster)
    {
        var table = new TruthTable(Pods);
        expect(table);
        table.Verify(Snapshot(Pods, policies, cluster), probe);
    }

    /// <summary>upstream gress-rules ingress: Accept z, then Deny z and Pass z (shadowed), Deny y on TCP 80.</summary>
    private static ClusterPolicyInfo GressRules(ClusterPolicyTier tier = ClusterPolicyTier.Admin) =>
        (tier == ClusterPolicyTier.Admin ? Admin("gress-rules", 15, SubjectNs("x"), null, null) : Baseline("gress-rules", 15, SubjectNs("x"))) with
        {
            Ingress =
            [
                Accept(Ns("z")),
                Deny(Ns("z")),
                Pass(Ns("z")),
                Rule(ClusterPolicyAction.Deny, [Ns("y")], [Tcp(80), Udp(53)]),
                Rule(ClusterPolicyAction.Pass, [Ns("y")], [Tcp(80)]),
            ],
        };

    [Fact]
    public void AdminIngress_FirstRuleWins_DenyOnPortOnly()
    {
        Check(Tcp80, t => t.ExpectPeer("y", null, "x", null, false), [], GressRules());
        Check(Tcp81, _ => { }, [], GressRules());
    }

    [Fact]
    public void AdminAccept_OverridesNetworkPolicyDenyAll()
    {
        // NetworkPolicy deny-all in x: only z (Admin Accept) gets in; y on 81 is left to NetworkPolicy and denied.
        var denyAll = NetPol("x", "deny-all", All, ingress: []);
        Check(Tcp81, t => t.ExpectPeer(null, null, "x", null, false).ExpectPeer("z", null, "x", null, true), [denyAll], GressRules());
    }

    [Fact]
    public void AdminDeny_OverridesNetworkPolicyAllow()
    {
        var allowY = NetPol("x", "allow-from-y", All, ingress: [From(Namespaces(Sel(("ns", "y"))))]);
        var deny = Admin("pass-example", 10, SubjectNs("x"), ingress: [Deny(Ns("y"))]);
        // x is isolated by the NetworkPolicy (only y admitted) but the Admin Deny comes first: nothing reaches x.
        Check(Tcp80, t => t.ExpectPeer(null, null, "x", null, false).Expect("x/a", "x/b", false).Expect("x/b", "x/a", false), [allowY], deny);
    }

    [Fact]
    public void AdminPass_HandsTheDecisionToNetworkPolicy_BaselineIgnoredForSelectedPods()
    {
        var allowY = NetPol("x", "allow-from-y", All, ingress: [From(Namespaces(Sel(("ns", "y"))))]);
        var pass = Admin("pass-example", 10, SubjectNs("x"), ingress: [Pass(Ns("y"))]);
        var baseline = Baseline("default", 10, SubjectNs("x"), ingress: [Deny(Ns("y"))]);
        Check(Tcp80, t => t.ExpectPeer(null, null, "x", null, false).ExpectPeer("y", null, "x", null, true), [allowY], pass, baseline);
    }

    [Fact]
    public void AdminPass_WithoutNetworkPolicy_FallsToBaseline()
    {
        var pass = Admin("pass-example", 10, SubjectNs("x"), ingress: [Pass(Ns("y"))]);
        var baseline = Baseline("default", 10, SubjectNs("x"), ingress: [Deny(Ns("y"))]);
        Check(Tcp80, t => t.ExpectPeer("y", null, "x", null, false), [], pass, baseline);
    }

    [Fact]
    public void AdminPass_SkipsLaterAdminPoliciesToo()
    {
        var pass = Admin("pass-first", 5, SubjectNs("x"), ingress: [Pass(Ns("y"))]);
        var deny = Admin("deny-later", 20, SubjectNs("x"), ingress: [Deny(Ns("y")), Deny(Ns("z"))]);
        Check(Tcp80, t => t.ExpectPeer("z", null, "x", null, false), [], pass, deny);
    }

    [Fact]
    public void Baseline_AppliesOnlyWhereNoNetworkPolicySelectsThePod()
    {
        // NetworkPolicy selects x/a (allows y); Baseline denies y into all of x: x/b (unselected) is denied, x/a allowed.
        var allowYToA = NetPol("x", "a-allows-y", Sel(("pod", "a")), ingress: [From(Namespaces(Sel(("ns", "y"))))]);
        var baseline = Baseline("default", 10, SubjectNs("x"), ingress: [Deny(Ns("y"))]);
        Check(Tcp80,
            t => t.ExpectAllIngress("x/a", false).ExpectPeer("y", null, "x", "a", true).ExpectPeer("y", null, "x", "b", false),
            [allowYToA], baseline);
    }

    [Fact]
    public void Baseline_EgressSelectionIsPerDirection()
    {
        // An ingress-only NetworkPolicy on x does not shield x's egress from the Baseline tier.
        var ingressOnly = NetPol("x", "ingress-only", All, ingress: [From(Namespaces(All))]);
        var baseline = Baseline("default", 10, SubjectNs("x"), egress: [Deny(Ns("z"))]);
        Check(Tcp80, t => t.ExpectPeer("x", null, "z", null, false), [ingressOnly], baseline);
    }

    [Fact]
    public void BaselineGressRules_SameAsAdminWithoutNetworkPolicy()
    {
        Check(Tcp80, t => t.ExpectPeer("y", null, "x", null, false), [], GressRules(ClusterPolicyTier.Baseline));
    }

    [Fact]
    public void Priority_LowerNumberWins()
    {
        var deny10 = Admin("deny", 10, SubjectNs("x"), ingress: [Deny(Ns("y"))]);
        var accept20 = Admin("accept", 20, SubjectNs("x"), ingress: [Accept(Ns("y"))]);
        Check(Tcp80, t => t.ExpectPeer("y", null, "x", null, false), [], deny10, accept20);
        // Swapped: the Accept comes first for y; the rest of x's ingress is left to the NetworkPolicy deny-all.
        Check(Tcp80, t => t.ExpectPeer(null, null, "x", null, false).ExpectPeer("y", null, "x", null, true), [NetPol("x", "deny-all", All, ingress: [])],
            deny10 with { Priority = 30 }, accept20);
    }

    [Fact]
    public void AdminEgress_AcceptDenyPortsAndNamedPorts()
    {
        var egress = Admin("egress", 15, SubjectNs("x"), egress:
        [
            Accept(Ns("z")),
            Rule(ClusterPolicyAction.Deny, [Ns("y")], [Named("serve-80-tcp")]),
        ]);
        Check(Tcp80, t => t.ExpectPeer("x", null, "y", null, false), [], egress);
        Check(Tcp81, _ => { }, [], egress);
    }

    [Fact]
    public void AdminIngress_NamedPortResolvesAtTheSubject()
    {
        var named = Admin("named", 15, SubjectPods("x", "a"), ingress: [Rule(ClusterPolicyAction.Deny, [Ns("y")], [Named("serve-81-tcp")])]);
        Check(Tcp81, t => t.ExpectPeer("y", null, "x", "a", false), [], named);
        Check(Tcp80, _ => { }, [], named);
    }

    [Fact]
    public void PortRange_MatchesInclusive()
    {
        var range = Admin("range", 15, SubjectNs("x"), ingress: [Rule(ClusterPolicyAction.Deny, [Ns("y")], [Tcp(80, 81)])]);
        Check(Tcp81, t => t.ExpectPeer("y", null, "x", null, false), [], range);
        Check(ReachProbe.Tcp(82), _ => { }, [], range);
    }

    [Fact]
    public void Networks_MatchPodIps_AsTheApiSays()
    {
        // 10.244.2.0/24 holds y's pods: the rule applies to pod traffic, and the cell is not implementation-defined.
        var cidr = Admin("cidr", 15, SubjectNs("x"), egress: [Deny(Networks("10.244.2.0/24"))]);
        Check(Tcp80, t => t.ExpectPeer("x", null, "y", null, false), [], cidr);
        var engine = PolicyEngine.Build(Snapshot(Pods, [], cidr));
        var e = engine.Explain(ReachEndpoint.OfPod(ObjectKey.Parse("x/a")), ReachEndpoint.OfPod(ObjectKey.Parse("y/a")), Tcp80);
        Assert.Equal(ReachVerdict.Denied, e.Verdict);
    }

    [Fact]
    public void AdminNetworkPolicyV1Alpha1_AndBanp_BehaveAsTheTiers()
    {
        var anp = Anp("anp", 10, SubjectNs("x"), ingress: [Accept(Ns("y")) with { ActionText = "Allow" }]);
        var banp = Banp(SubjectNs("x"), ingress: [Deny(Ns("y")), Deny(Ns("z"))]);
        var denyAllX = NetPol("x", "deny-all", Sel(("pod", "a")), ingress: []);
        // y: ANP Allow before everything. x/a is NetworkPolicy-isolated (all else denied); x/b falls to the BANP (z denied).
        Check(Tcp80, t => t.ExpectAllIngress("x/a", false).ExpectPeer("y", null, "x", null, true).ExpectPeer("z", null, "x", "b", false), [denyAllX], anp, banp);
    }

    [Fact]
    public void EqualPriorities_Disagreeing_AreImplementationDefined_WithCaveat()
    {
        var deny = Admin("a-deny", 10, SubjectNs("x"), ingress: [Deny(Ns("y"))]);
        var accept = Admin("b-accept", 10, SubjectNs("x"), ingress: [Accept(Ns("y"))]);
        var engine = PolicyEngine.Build(Snapshot(Pods, [], deny, accept));
        var e = engine.Explain(ReachEndpoint.OfPod(ObjectKey.Parse("y/a")), ReachEndpoint.OfPod(ObjectKey.Parse("x/a")), Tcp80);
        Assert.Equal(ReachVerdict.DependsOnImplementation, e.Verdict);
        Assert.Contains("ClusterNetworkPolicy a-deny", e.Caveat);
        Assert.Contains("ClusterNetworkPolicy b-accept", e.Caveat);
        Assert.Contains("share priority 10", e.Caveat);
        var matrix = engine.ComputeMatrix([Tcp80]);
        Assert.Equal(ReachVerdict.DependsOnImplementation, matrix.VerdictOf(engine.IndexOf(ObjectKey.Parse("y/a")), engine.IndexOf(ObjectKey.Parse("x/a")), 0));
        Assert.Equal(ReachVerdict.DependsOnImplementation, engine.ReachabilityTo(ObjectKey.Parse("x/a"), Tcp80).Peers[engine.IndexOf(ObjectKey.Parse("y/a"))].Verdict);
        // Where they agree (z is matched by neither) nothing is ambiguous.
        Assert.Equal(ReachVerdict.Allowed, matrix.VerdictOf(engine.IndexOf(ObjectKey.Parse("z/a")), engine.IndexOf(ObjectKey.Parse("x/a")), 0));
    }

    [Fact]
    public void EqualPriorities_Agreeing_AreNotAmbiguous()
    {
        var one = Admin("one", 10, SubjectNs("x"), ingress: [Deny(Ns("y"))]);
        var two = Admin("two", 10, SubjectNs("x"), ingress: [Deny(Ns("y"))]);
        Check(Tcp80, t => t.ExpectPeer("y", null, "x", null, false), [], one, two);
    }

    [Fact]
    public void HostNetworkPods_AreNotSubjects()
    {
        var snapshot = Snapshot(Pods, [], Admin("deny", 10, SubjectNs("x"), ingress: [Deny(Ns("y"))]));
        snapshot = snapshot with
        {
            Pods = KindCollection<PodInfo>.From(snapshot.Pods.Select(p => p.Key == ObjectKey.Parse("x/b") ? p with { HostNetwork = true } : p)),
        };
        var engine = PolicyEngine.Build(snapshot);
        var e = engine.Explain(ReachEndpoint.OfPod(ObjectKey.Parse("y/a")), ReachEndpoint.OfPod(ObjectKey.Parse("x/b")), Tcp80);
        Assert.True(e.Allowed);
        Assert.Equal(ReachVerdict.DependsOnImplementation, e.Verdict);
    }
}
