using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using ClusterNet.Core.Policy.Calico;
using ClusterNet.Core.Policy.Chain;
using static ClusterNet.Core.Tests.Policy.Calico.Cal;

namespace ClusterNet.Core.Tests.Policy.Calico;

/// <summary>
/// Truth tables for Calico NetworkSets and GlobalNetworkSets, re-expressing what Calico's NetworkSet and
/// GlobalNetworkSet references and the selector-scope notes say: a rule selector matches the nets of the sets whose
/// labels it matches; a namespaced policy's rule sees its own namespace's sets, a namespaceSelector picks sets by their
/// namespace's labels, global() adds the global sets; a GlobalNetworkPolicy's rule sees every set; sets carry no
/// service account; notSelector excludes the sets it matches.
/// </summary>
public sealed class CalicoNetworkSetTests
{
    private static readonly ReachProbe Tcp80 = ReachProbe.Tcp(80);

    private static readonly IClusterObject[] Cluster =
    [
        Ns("dev", ("env", "dev")),
        Ns("prod", ("env", "prod")),
        Pod("dev", "web", "10.0.1.1", labels: [("app", "web")]),
        Pod("prod", "api", "10.0.2.1", labels: [("app", "api")]),
        Set("blocklist", null, ("role", "blocked"), "10.9.0.0/16"),
        Set("partners", "dev", ("role", "partner"), "198.51.100.0/28"),
        Set("partners", "prod", ("role", "partner"), "203.0.113.0/24"),
    ];

    private static CalicoReachResult In(string from, CalicoPolicyInfo policy, IClusterObject[]? cluster = null) =>
        CalicoTieredEvaluator.Build(Snapshot([.. cluster ?? Cluster, policy])).Evaluate(P(from), P("dev/web"), Tcp80);

    private static CalicoPolicyInfo DevIngress(CalicoEntityRuleInfo source) =>
        Np("dev", "from-sets", order: 10, selector: "app == 'web'", ingress: [Allow(source)], types: ["Ingress"]);

    private static CalicoPolicyInfo GlobalIngress(CalicoEntityRuleInfo source) =>
        Gnp("from-sets", order: 10, selector: "app == 'web'", ingress: [Allow(source)], types: ["Ingress"]);

    public static TheoryData<string, string, string?, string, bool> NamespacedPolicyTable => new()
    {
        // selector, namespaceSelector, from, allowed
        { "own namespace's set matches", "role == 'partner'", null, "198.51.100.5", true },
        { "other namespace's set is out of scope", "role == 'partner'", null, "203.0.113.5", false },
        { "global set is out of scope", "role == 'blocked'", null, "10.9.1.1", false },
        { "namespaceSelector picks prod's set", "role == 'partner'", "env == 'prod'", "203.0.113.5", true },
        { "namespaceSelector drops dev's own set", "role == 'partner'", "env == 'prod'", "198.51.100.5", false },
        { "global() brings global sets in", "role == 'blocked'", "global()", "10.9.1.1", true },
        { "all() is every namespace, not global sets", "role == 'blocked'", "all()", "10.9.1.1", false },
        { "all() picks namespaced sets everywhere", "role == 'partner'", "all()", "203.0.113.5", true },
        { "address in no set", "role == 'partner'", null, "192.0.2.1", false },
    };

    [Theory]
    [MemberData(nameof(NamespacedPolicyTable))]
    public void Evaluate_NamespacedPolicyRuleSelector_MatchesSetsInScope(string row, string selector, string? namespaceSelector, string from, bool allowed)
    {
        var r = In(from, DevIngress(new CalicoEntityRuleInfo { Selector = selector, NamespaceSelector = namespaceSelector }));

        Assert.True(allowed == r.Allowed, $"{row}: {r.Summary}");
    }

    public static TheoryData<string, CalicoEntityRuleInfo, string, bool> GlobalPolicyTable => new()
    {
        { "global set", new CalicoEntityRuleInfo { Selector = "role == 'blocked'" }, "10.9.1.1", true },
        { "dev's namespaced set", new CalicoEntityRuleInfo { Selector = "role == 'partner'" }, "198.51.100.5", true },
        { "prod's namespaced set", new CalicoEntityRuleInfo { Selector = "role == 'partner'" }, "203.0.113.5", true },
        { "namespace label on sets", new CalicoEntityRuleInfo { Selector = "projectcalico.org/namespace == 'prod'" }, "203.0.113.5", true },
        { "global() alone in selector", new CalicoEntityRuleInfo { Selector = "global()" }, "10.9.1.1", true },
        { "serviceAccounts never match a set", new CalicoEntityRuleInfo { Selector = "role == 'partner'", ServiceAccountNames = ["default"] }, "198.51.100.5", false },
        { "notSelector excludes its sets", new CalicoEntityRuleInfo { NotSelector = "role == 'blocked'" }, "10.9.1.1", false },
        { "notSelector lets other addresses in", new CalicoEntityRuleInfo { NotSelector = "role == 'blocked'" }, "10.8.1.1", true },
        { "selector but address in no set", new CalicoEntityRuleInfo { Selector = "has(role)" }, "10.8.1.1", false },
    };

    [Theory]
    [MemberData(nameof(GlobalPolicyTable))]
    public void Evaluate_GlobalPolicyRuleSelector_MatchesEverySet(string row, CalicoEntityRuleInfo source, string from, bool allowed)
    {
        var r = In(from, GlobalIngress(source));

        Assert.True(allowed == r.Allowed, $"{row}: {r.Summary}");
    }

    [Fact]
    public void Evaluate_DenyFromGlobalSet_ExplanationNamesTheSetAndItsNet()
    {
        var policy = Gnp("block", order: 5, selector: "all()", ingress: [Deny(Sel("role == 'blocked'")), Allow()], types: ["Ingress"]);

        var blocked = In("10.9.4.4", policy);
        var other = In("10.8.4.4", policy);

        Assert.False(blocked.Allowed);
        Assert.Equal(CalicoOutcome.RuleDeny, blocked.Ingress.Outcome);
        Assert.Equal("tier default (order 1000000): GlobalNetworkPolicy block order 5 ingress rule 1 `Deny` (source 10.9.4.4 in GlobalNetworkSet `blocklist` 10.9.0.0/16)", blocked.Ingress.Summary);
        Assert.True(other.Allowed);
        Assert.Equal(1, other.Ingress.RuleIndex);
    }

    [Fact]
    public void Evaluate_SameRuleWithoutTheSet_DoesNotMatchTheAddress()
    {
        var policy = Gnp("block", order: 5, selector: "all()", ingress: [Deny(Sel("role == 'blocked'")), Allow()], types: ["Ingress"]);

        var r = In("10.9.4.4", policy, [.. Cluster.Where(o => o is not CalicoNetworkSetInfo)]);

        Assert.True(r.Allowed);
        Assert.Equal(1, r.Ingress.RuleIndex);
    }

    [Fact]
    public void Evaluate_EgressToNamespacedSet_DestinationScopedToPolicyNamespace()
    {
        var policy = Np("dev", "to-partners", order: 10, selector: "app == 'web'",
            egress: [Allow(destination: new CalicoEntityRuleInfo { Selector = "role == 'partner'" })], types: ["Egress"]);
        var evaluator = CalicoTieredEvaluator.Build(Snapshot([.. Cluster, policy]));

        var own = evaluator.Evaluate(P("dev/web"), P("198.51.100.9"), Tcp80);
        var other = evaluator.Evaluate(P("dev/web"), P("203.0.113.9"), Tcp80);

        Assert.True(own.Allowed);
        Assert.Contains("destination 198.51.100.9 in NetworkSet `dev/partners` 198.51.100.0/28", own.Egress.Summary, StringComparison.Ordinal);
        Assert.False(other.Allowed);
        Assert.Equal(CalicoOutcome.EndOfTierDeny, other.Egress.Outcome);
    }

    [Fact]
    public void Evaluate_EgressRulePicksSetWithAllowedEgressDomains_CaveatForAddressOutsideItsNets()
    {
        var saas = new CalicoNetworkSetInfo { Kind = CalicoNetworkSetKind.GlobalNetworkSet, Name = "saas", Labels = LabelMap.Of(("role", "saas")), Nets = ["192.0.2.0/28"], AllowedEgressDomains = ["api.example.com"] };
        var policy = Gnp("to-saas", order: 10, selector: "app == 'web'", egress: [Allow(destination: Sel("role == 'saas'"))], types: ["Egress"]);
        var evaluator = CalicoTieredEvaluator.Build(Snapshot([.. Cluster, saas, policy]));

        var other = evaluator.Evaluate(P("dev/web"), P("203.0.113.9"), Tcp80);
        var inNets = evaluator.Evaluate(P("dev/web"), P("192.0.2.3"), Tcp80);

        Assert.False(other.Allowed);
        Assert.Contains(other.Egress.Caveats, c => c.Contains("GlobalNetworkSet `saas` (allowedEgressDomains api.example.com) not modelled (Calico Enterprise): if 203.0.113.9 is an address of one of those names", StringComparison.Ordinal));
        Assert.True(inNets.Allowed);
        Assert.DoesNotContain(inNets.Egress.Caveats, c => c.Contains("allowedEgressDomains", StringComparison.Ordinal));
    }

    [Fact]
    public void EngineCache_NetworkSetAddedWithPodsAndPoliciesUnchanged_ChainSeesTheSet()
    {
        var before = Snapshot([.. Cluster.Where(o => o is not CalicoNetworkSetInfo),
            Gnp("block", order: 5, selector: "app == 'web'", ingress: [Deny(Sel("role == 'blocked'")), Allow()], types: ["Ingress"])]);
        var after = before with { CalicoGlobalNetworkSets = KindCollection<CalicoNetworkSetInfo>.From(Cluster.OfType<CalicoNetworkSetInfo>().Where(s => s.IsGlobal)) };
        var cache = new PolicyEngineCache();

        var allowed = cache.Get(before).Explain(P("10.9.7.7"), P("dev/web"), Tcp80).Allowed;
        var denied = cache.Get(after).Explain(P("10.9.7.7"), P("dev/web"), Tcp80);

        Assert.True(allowed);
        Assert.Equal("incremental", cache.LastOutcome);
        Assert.False(denied.Allowed);
    }

    [Fact]
    public void Explain_ChainStepForExternalPeer_NamesTheSet()
    {
        var snapshot = Snapshot([.. Cluster, Tier("security", 100),
            Gnp("block", "security", 5, "app == 'web'", ingress: [Deny(Sel("role == 'blocked'"))], types: ["Ingress"])]);

        var e = PolicyEngine.Build(snapshot).Explain(P("10.9.7.7"), P("dev/web"), Tcp80);

        Assert.False(e.Allowed);
        var step = Assert.Single(e.Ingress.Chain);
        Assert.Equal(StageDecision.Deny, step.Decision);
        Assert.Contains("GlobalNetworkSet `blocklist` 10.9.0.0/16", step.Text, StringComparison.Ordinal);
    }
}
