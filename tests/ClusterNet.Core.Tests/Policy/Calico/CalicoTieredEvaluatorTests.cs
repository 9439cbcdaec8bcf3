using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using ClusterNet.Core.Policy.Calico;
using static ClusterNet.Core.Tests.Policy.Calico.Cal;

namespace ClusterNet.Core.Tests.Policy.Calico;

/// <summary>
/// Truth tables for Calico's tiered evaluation, re-expressing the behaviours Calico documents (Tier reference "How policy
/// is evaluated", the tiered-policy guide, the NetworkPolicy/GlobalNetworkPolicy references) in our own cluster:
/// tier order, order within a tier, first matching rule, Log goes on, Pass to the next tier, deny at the end of a tier
/// that applies, skipped tiers, the profile's allow, Kubernetes NetworkPolicy as knp.default.NAME at order 1000.
/// </summary>
public sealed class CalicoTieredEvaluatorTests
{
    private static readonly IClusterObject[] Cluster =
    [
        Ns("dev", ("env", "dev")),
        Ns("prod", ("env", "prod")),
        Ns("ops", ("team", "ops")),
        Pod("dev", "web", "10.0.1.1", ports: [("http", 80, "TCP")], labels: [("app", "web")]),
        Pod("dev", "db", "10.0.1.2", ports: [("postgres", 5432, "TCP")], labels: [("app", "db"), ("role", "data")]),
        Pod("prod", "web", "10.0.2.1", ports: [("http", 8080, "TCP")], labels: [("app", "web")]),
        Pod("ops", "monitor", "10.0.3.1", sa: "prometheus", labels: [("app", "monitor")]),
        Pod("ops", "node-agent", "192.168.0.10", hostNetwork: true, labels: [("app", "agent")]),
    ];

    private static CalicoReachResult Eval(string from, string to, ReachProbe probe, params IClusterObject[] policies) =>
        CalicoTieredEvaluator.Build(Snapshot([.. Cluster, .. policies])).Evaluate(P(from), P(to), probe);

    private static readonly ReachProbe Tcp80 = ReachProbe.Tcp(80);
    private static readonly ReachProbe Tcp5432 = ReachProbe.Tcp(5432);

    [Fact]
    public void Evaluate_NoPolicy_ProfileAllows()
    {
        var r = Eval("dev/web", "dev/db", Tcp5432);

        Assert.True(r.Allowed);
        Assert.Equal(CalicoOutcome.ProfileAllow, r.Ingress.Outcome);
        Assert.Contains("profile allows", r.Ingress.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_HigherTierDenyOverridesKubernetesAllow()
    {
        var r = Eval("dev/web", "dev/db", Tcp5432,
            Tier("security", 100),
            Gnp("deny-to-data", "security", 10, "role == 'data'", ingress: [Deny(Sel("app == 'web'"))]),
            global::ClusterNet.Core.Tests.Policy.Np.NetPol("dev", "allow-web", global::ClusterNet.Core.Tests.Policy.Np.Sel(("app", "db")), ingress: [global::ClusterNet.Core.Tests.Policy.Np.From(global::ClusterNet.Core.Tests.Policy.Np.Pods(global::ClusterNet.Core.Tests.Policy.Np.Sel(("app", "web"))))]));

        Assert.False(r.Allowed);
        Assert.Equal(CalicoOutcome.RuleDeny, r.Ingress.Outcome);
        Assert.Equal("security", r.Ingress.Tier);
        Assert.Equal(0, r.Ingress.RuleIndex);
        Assert.Equal("tier security (order 100): GlobalNetworkPolicy deny-to-data order 10 ingress rule 1 `Deny`", r.Ingress.Summary);
    }

    [Fact]
    public void Evaluate_PassHandsTheDecisionToKubernetesPolicyInDefaultTier()
    {
        var np = global::ClusterNet.Core.Tests.Policy.Np.NetPol("dev", "allow-web", global::ClusterNet.Core.Tests.Policy.Np.Sel(("app", "db")),
            ingress: [global::ClusterNet.Core.Tests.Policy.Np.Rule([global::ClusterNet.Core.Tests.Policy.Np.Pods(global::ClusterNet.Core.Tests.Policy.Np.Sel(("app", "web")))], [global::ClusterNet.Core.Tests.Policy.Np.Port(5432)])]);
        IClusterObject[] policies = [Tier("security", 100), Gnp("pass-dev", "security", 10, "all()", ingress: [Pass(new CalicoEntityRuleInfo { NamespaceSelector = "env == 'dev'" })]), np];

        var allowed = Eval("dev/web", "dev/db", Tcp5432, policies);
        var wrongPort = Eval("dev/web", "dev/db", Tcp80, policies);

        Assert.True(allowed.Allowed);
        Assert.Equal("default", allowed.Ingress.Tier);
        Assert.Equal(CalicoPolicySource.KubernetesNetworkPolicy, allowed.Ingress.PolicySource);
        Assert.StartsWith("tier default (order 1000000): knp.default.allow-web (NetworkPolicy dev/allow-web) order 1000 ingress[0] Allow", allowed.Ingress.Summary, StringComparison.Ordinal);
        Assert.Contains(allowed.Ingress.Steps, s => s.Action == CalicoRuleAction.Pass && s.Tier == "security");
        Assert.False(wrongPort.Allowed);
        Assert.Equal(CalicoOutcome.EndOfTierDeny, wrongPort.Ingress.Outcome);
        Assert.Equal("default", wrongPort.Ingress.Tier);
    }

    [Fact]
    public void Evaluate_TierAppliesButNoRuleMatches_DeniedAtEndOfTierEvenIfLaterTierAllows()
    {
        var r = Eval("prod/web", "dev/db", Tcp5432,
            Tier("security", 100),
            Gnp("only-dev-in", "security", 10, "role == 'data'", ingress: [Allow(new CalicoEntityRuleInfo { NamespaceSelector = "env == 'dev'" })]),
            Gnp("allow-all", "default", 1, ingress: [Allow()]));

        Assert.False(r.Allowed);
        Assert.Equal(CalicoOutcome.EndOfTierDeny, r.Ingress.Outcome);
        Assert.Equal("security", r.Ingress.Tier);
        Assert.Contains("denied at the end of the tier", r.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_TierWithNoPolicyForTheEndpoint_Skipped()
    {
        var r = Eval("dev/web", "dev/db", Tcp5432,
            Tier("security", 100),
            Gnp("web-only", "security", 10, "app == 'monitor'", ingress: [Deny()]),
            Gnp("allow-db", "default", 1, "app == 'db'", ingress: [Allow()]));

        Assert.True(r.Allowed);
        Assert.Equal("default", r.Ingress.Tier);
        Assert.DoesNotContain(r.Ingress.Steps, s => s.Tier == "security");
    }

    [Fact]
    public void Evaluate_LogGoesOnToTheNextRule()
    {
        var r = Eval("dev/web", "dev/db", Tcp5432, Gnp("log-then-deny", order: 1, selector: "app == 'db'", ingress: [Log(), Deny()]));

        Assert.False(r.Allowed);
        Assert.Equal(1, r.Ingress.RuleIndex);
        Assert.Equal(CalicoRuleAction.Log, r.Ingress.Steps[0].Action);
    }

    [Fact]
    public void Evaluate_LowerOrderFirstInTier()
    {
        var deny = Gnp("b-deny", order: 5, selector: "app == 'db'", ingress: [Deny()]);
        var allow = Gnp("a-allow", order: 50, selector: "app == 'db'", ingress: [Allow()]);

        Assert.False(Eval("dev/web", "dev/db", Tcp5432, deny, allow).Allowed);
        Assert.True(Eval("dev/web", "dev/db", Tcp5432, deny with { Order = 500 }, allow).Allowed);
    }

    [Fact]
    public void Evaluate_OrderTie_BrokenByNameWithCaveat()
    {
        var r = Eval("dev/web", "dev/db", Tcp5432,
            Gnp("b-deny", order: 5, selector: "app == 'db'", ingress: [Deny()]),
            Gnp("a-allow", order: 5, selector: "app == 'db'", ingress: [Allow()]));

        Assert.True(r.Allowed);
        Assert.Contains(r.Caveats, c => c.Contains("same order", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_NoOrderSortsLast()
    {
        var r = Eval("dev/web", "dev/db", Tcp5432,
            Gnp("a-deny", order: null, selector: "app == 'db'", ingress: [Deny()]),
            Gnp("z-allow", order: 9999, selector: "app == 'db'", ingress: [Allow()]));

        Assert.True(r.Allowed);
    }

    [Fact]
    public void Evaluate_TierOrder_LowerTierFirst()
    {
        IClusterObject[] tiers = [Tier("a", 200), Tier("b", 100)];
        var r = Eval("dev/web", "dev/db", Tcp5432, [.. tiers, Gnp("deny", "a", 1, "app == 'db'", ingress: [Deny()]), Gnp("allow", "b", 1, "app == 'db'", ingress: [Allow()])]);

        Assert.True(r.Allowed);
        Assert.Equal("b", r.Ingress.Tier);
    }

    [Fact]
    public void Evaluate_TierDefaultActionPass_GoesOn()
    {
        var r = Eval("prod/web", "dev/db", Tcp5432,
            Tier("platform", 100, CalicoRuleAction.Pass),
            Gnp("dev-only", "platform", 1, "role == 'data'", ingress: [Allow(new CalicoEntityRuleInfo { NamespaceSelector = "env == 'dev'" })]));

        Assert.True(r.Allowed);
        Assert.Equal(CalicoOutcome.ProfileAllow, r.Ingress.Outcome);
        Assert.Contains(r.Ingress.Steps, s => s.Text.Contains("defaultAction Pass", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_PassInLastTier_ProfileAllows()
    {
        var r = Eval("dev/web", "dev/db", Tcp5432, Gnp("pass-all", order: 1, ingress: [Pass()]));

        Assert.True(r.Allowed);
        Assert.Equal("every tier passed: Calico's namespace profile allows", r.Ingress.Summary);
    }

    [Fact]
    public void Evaluate_EgressDenyAtSource_DeniesEvenWhenIngressAllows()
    {
        var r = Eval("dev/web", "dev/db", Tcp5432,
            Gnp("web-egress", order: 1, selector: "app == 'web'", egress: [Deny(destination: Sel("app == 'db'"))]),
            Gnp("db-ingress", order: 1, selector: "app == 'db'", ingress: [Allow()]));

        Assert.False(r.Allowed);
        Assert.False(r.Egress.Allows);
        Assert.True(r.Ingress.Allows);
        Assert.StartsWith("denied by egress at dev/web", r.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, true, false)]
    [InlineData(new[] { "Ingress" }, true, false)]
    [InlineData(new[] { "Egress" }, false, true)]
    [InlineData(new[] { "Ingress", "Egress" }, true, true)]
    public void Evaluate_Types_DecideWhichDirectionsTheTierApplies(string[]? types, bool ingressIsolated, bool egressIsolated)
    {
        var policy = Gnp("iso", order: 1, selector: "app == 'db'", types: types);

        var inbound = Eval("dev/web", "dev/db", Tcp5432, policy);
        var outbound = Eval("dev/db", "dev/web", Tcp80, policy);

        Assert.Equal(!ingressIsolated, inbound.Allowed);
        Assert.Equal(!egressIsolated, outbound.Allowed);
    }

    [Fact]
    public void Evaluate_TypesDefault_EgressRulesOnlyLeaveIngressOpen()
    {
        var policy = Gnp("egress-only", order: 1, selector: "app == 'db'", egress: [Deny()]);

        Assert.True(Eval("dev/web", "dev/db", Tcp5432, policy).Allowed);
        Assert.False(Eval("dev/db", "dev/web", Tcp80, policy).Allowed);
    }

    [Fact]
    public void Evaluate_NamespacedPolicy_AppliesInItsNamespaceAndRuleSelectorDefaultsToIt()
    {
        var policy = Np("dev", "web-in", order: 1, selector: "app == 'web'", ingress: [Allow(Sel("app == 'web'"))]);

        // prod/web matches app == 'web' but is in another namespace: the rule selector means dev only.
        Assert.False(Eval("prod/web", "dev/web", Tcp80, policy).Allowed);
        // The policy does not apply to prod/web at all.
        Assert.True(Eval("dev/db", "prod/web", ReachProbe.Tcp(8080), policy).Allowed);
    }

    [Fact]
    public void Evaluate_GlobalPolicy_RuleSelectorSpansNamespaces()
    {
        var policy = Gnp("web-in", order: 1, selector: "app == 'web'", ingress: [Allow(Sel("app == 'web'"))]);

        Assert.True(Eval("prod/web", "dev/web", Tcp80, policy).Allowed);
        Assert.False(Eval("dev/db", "dev/web", Tcp80, policy).Allowed);
    }

    [Fact]
    public void Evaluate_GlobalPolicyNamespaceSelector_NarrowsWhereItApplies()
    {
        var policy = Gnp("deny-prod", order: 1, namespaceSelector: "env == 'prod'", ingress: [Deny()]);

        Assert.False(Eval("dev/web", "prod/web", ReachProbe.Tcp(8080), policy).Allowed);
        Assert.True(Eval("prod/web", "dev/web", Tcp80, policy).Allowed);
    }

    [Fact]
    public void Evaluate_NamespaceNameLabel_Matches()
    {
        var policy = Gnp("from-ops", order: 1, selector: "app == 'db'", ingress: [Allow(new CalicoEntityRuleInfo { NamespaceSelector = "projectcalico.org/name == 'ops'" })]);

        Assert.True(Eval("ops/monitor", "dev/db", Tcp5432, policy).Allowed);
        Assert.False(Eval("dev/web", "dev/db", Tcp5432, policy).Allowed);
    }

    [Theory]
    [InlineData(5432, true)]
    [InlineData(80, false)]
    public void Evaluate_PortRange(int port, bool allowed)
    {
        var policy = Gnp("range", order: 1, selector: "app == 'db'", ingress: [Allow(destination: Ports("5000:6000"), protocol: "TCP")]);

        Assert.Equal(allowed, Eval("dev/web", "dev/db", ReachProbe.Tcp(port), policy).Allowed);
    }

    [Theory]
    [InlineData("dev/web", 80, true)]
    [InlineData("prod/web", 8080, true)]
    [InlineData("prod/web", 80, false)]
    public void Evaluate_NamedPort_ResolvedOnTheDestination(string to, int port, bool allowed)
    {
        var policy = Gnp("named", order: 1, selector: "app == 'web'", ingress: [Allow(destination: Ports("http"), protocol: "TCP")]);

        Assert.Equal(allowed, Eval("dev/db", to, ReachProbe.Tcp(port), policy).Allowed);
    }

    [Fact]
    public void Evaluate_NotPorts_Excludes()
    {
        var policy = Gnp("not-80", order: 1, selector: "app == 'web'", ingress: [Allow(destination: new CalicoEntityRuleInfo { NotPorts = [CalicoPortInfo.Number(80)] }, protocol: "TCP")]);

        Assert.False(Eval("dev/db", "dev/web", Tcp80, policy).Allowed);
        Assert.True(Eval("dev/db", "dev/web", ReachProbe.Tcp(81), policy).Allowed);
    }

    [Theory]
    [InlineData("TCP", null, "TCP", true)]
    [InlineData("UDP", null, "TCP", false)]
    [InlineData("6", null, "TCP", true)]
    [InlineData(null, "UDP", "TCP", true)]
    [InlineData(null, "TCP", "TCP", false)]
    [InlineData("ICMP", null, "TCP", false)]
    public void Evaluate_ProtocolAndNotProtocol(string? protocol, string? notProtocol, string probeProtocol, bool allowed)
    {
        var policy = Gnp("proto", order: 1, selector: "app == 'web'", ingress: [Rule(CalicoRuleAction.Allow, protocol: protocol, notProtocol: notProtocol)]);

        Assert.Equal(allowed, Eval("dev/db", "dev/web", new ReachProbe(80, probeProtocol), policy).Allowed);
    }

    [Fact]
    public void Evaluate_NetsAndNotNets_MatchPodAndExternalAddresses()
    {
        var policy = Gnp("nets", order: 1, selector: "app == 'web'",
            ingress: [Allow(new CalicoEntityRuleInfo { Nets = ["10.0.0.0/16", "203.0.113.0/24"], NotNets = ["10.0.1.2/32"] })]);

        Assert.True(Eval("prod/web", "dev/web", Tcp80, policy).Allowed);
        Assert.False(Eval("dev/db", "dev/web", Tcp80, policy).Allowed);
        Assert.True(Eval("203.0.113.9", "dev/web", Tcp80, policy).Allowed);
        Assert.False(Eval("198.51.100.1", "dev/web", Tcp80, policy).Allowed);
    }

    [Fact]
    public void Evaluate_SelectorNeverMatchesExternalAddress()
    {
        var policy = Gnp("sel", order: 1, selector: "app == 'web'", ingress: [Allow(Sel("all()"))]);

        Assert.False(Eval("203.0.113.9", "dev/web", Tcp80, policy).Allowed);
        Assert.True(Eval("prod/web", "dev/web", Tcp80, policy).Allowed);
    }

    [Fact]
    public void Evaluate_NotSelector_Excludes()
    {
        var policy = Gnp("not-db", order: 1, selector: "app == 'web'", ingress: [Allow(new CalicoEntityRuleInfo { NotSelector = "app == 'db'" })]);

        Assert.False(Eval("dev/db", "dev/web", Tcp80, policy).Allowed);
        Assert.True(Eval("prod/web", "dev/web", Tcp80, policy).Allowed);
        Assert.True(Eval("203.0.113.9", "dev/web", Tcp80, policy).Allowed);
    }

    [Fact]
    public void Evaluate_ServiceAccountNames()
    {
        var policy = Gnp("sa", order: 1, selector: "app == 'db'", ingress: [Allow(new CalicoEntityRuleInfo { ServiceAccountNames = ["prometheus"] })]);

        Assert.True(Eval("ops/monitor", "dev/db", Tcp5432, policy).Allowed);
        Assert.False(Eval("dev/web", "dev/db", Tcp5432, policy).Allowed);
    }

    [Fact]
    public void Evaluate_PolicyServiceAccountSelector_AppliesByServiceAccountName()
    {
        var policy = Gnp("sa-sel", order: 1, ingress: [Deny()]) with { ServiceAccountSelector = "projectcalico.org/name == 'prometheus'" };

        Assert.False(Eval("dev/web", "ops/monitor", Tcp80, policy).Allowed);
        Assert.True(Eval("dev/web", "dev/db", Tcp5432, policy).Allowed);
    }

    [Fact]
    public void Evaluate_SourcePorts_EphemeralAssumedOutsideWithCaveat()
    {
        var policy = Gnp("src-ports", order: 1, selector: "app == 'db'", ingress: [Allow(source: Ports(80), protocol: "TCP")]);

        var r = Eval("dev/web", "dev/db", Tcp5432, policy);

        Assert.False(r.Allowed);
        Assert.Contains(r.Caveats, c => c.Contains("ephemeral", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_HostNetworkPod_NotAWorkloadEndpoint()
    {
        var r = Eval("dev/web", "ops/node-agent", Tcp80, Gnp("deny-all", order: 1, ingress: [Deny()]));

        Assert.True(r.Ingress.Allows);
        Assert.Equal(CalicoOutcome.NotApplicable, r.Ingress.Outcome);
        Assert.NotEmpty(r.Ingress.Caveats);
    }

    [Fact]
    public void Evaluate_PodToItself_Allowed()
    {
        Assert.True(Eval("dev/db", "dev/db", Tcp5432, Gnp("deny-all", order: 1, ingress: [Deny()], egress: [Deny()])).Allowed);
    }

    [Fact]
    public void Evaluate_BrokenSelector_PolicyAppliesToNothing()
    {
        Assert.True(Eval("dev/web", "dev/db", Tcp5432, Gnp("broken", order: 1, selector: "app ==", ingress: [Deny()])).Allowed);
    }

    [Fact]
    public void Evaluate_BrokenRuleSelector_RuleMatchesNothing()
    {
        var r = Eval("dev/web", "dev/db", Tcp5432, Gnp("broken-rule", order: 1, selector: "app == 'db'", ingress: [Allow(Sel("app =="))]));

        Assert.False(r.Allowed);
        Assert.Equal(CalicoOutcome.EndOfTierDeny, r.Ingress.Outcome);
    }

    [Fact]
    public void Build_UndefinedTier_Noted()
    {
        var evaluator = CalicoTieredEvaluator.Build(Snapshot([.. Cluster, Gnp("x", "ghost", 1, ingress: [Deny()])]));

        Assert.Contains(evaluator.Notes, n => n.Contains("tier ghost", StringComparison.Ordinal));
        Assert.Equal(["default", "ghost"], evaluator.TierOrder.ToArray());
    }

    [Fact]
    public void Build_DefaultTierFromTierObject_UsesItsOrder()
    {
        var evaluator = CalicoTieredEvaluator.Build(Snapshot([.. Cluster, Tier("default", 50), Tier("security", 100)]));

        Assert.Equal(["default", "security"], evaluator.TierOrder.ToArray());
        Assert.DoesNotContain(evaluator.Notes, n => n.StartsWith("assumed", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_UnmodelledHttpMatch_Caveat()
    {
        var rule = Allow() with { Unmodelled = ["http"] };

        var r = Eval("dev/web", "dev/db", Tcp5432, Gnp("http", order: 1, selector: "app == 'db'", ingress: [rule]));

        Assert.True(r.Allowed);
        Assert.Contains(r.Caveats, c => c.Contains("not modelled", StringComparison.Ordinal));
    }
}
