using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using ClusterNet.Core.Policy.Calico;
using static ClusterNet.Core.Tests.Policy.Calico.Cal;

namespace ClusterNet.Core.Tests.Policy.Calico;

/// <summary>
/// Truth tables for Calico's service-account matching, as Calico's policy references and "Calico automatic labels"
/// describe it: a rule's <c>serviceAccounts.names</c> match the pod's spec.serviceAccountName, <c>serviceAccounts.selector</c>
/// and a policy's <c>serviceAccountSelector</c> match that ServiceAccount's labels plus <c>projectcalico.org/name</c>;
/// names and selector together must both hold; in a namespaced policy the accounts are those of its namespace.
/// </summary>
public sealed class CalicoServiceAccountTests
{
    private static readonly ReachProbe Tcp80 = ReachProbe.Tcp(80);

    private static readonly IClusterObject[] Cluster =
    [
        Ns("dev", ("env", "dev")),
        Ns("prod", ("env", "prod")),
        Sa("dev", "web-sa", ("team", "frontend")),
        Sa("prod", "web-sa", ("team", "backend")),
        Pod("dev", "web", "10.0.1.1", sa: "web-sa", labels: [("app", "web")]),
        Pod("dev", "other", "10.0.1.2", labels: [("app", "other")]),
        Pod("dev", "ghost", "10.0.1.3", sa: "ghost-sa", labels: [("app", "ghost")]),
        Pod("dev", "db", "10.0.1.9", labels: [("app", "db")]),
        Pod("prod", "web", "10.0.2.1", sa: "web-sa", labels: [("app", "web")]),
        Pod("prod", "db", "10.0.2.9", labels: [("app", "db")]),
    ];

    private static ServiceAccountInfo Sa(string ns, string name, params (string, string)[] labels) =>
        new() { Namespace = ns, Name = name, Labels = LabelMap.Of(labels) };

    private static CalicoReachResult Eval(string from, string to, params IClusterObject[] policies) =>
        CalicoTieredEvaluator.Build(Snapshot([.. Cluster, .. policies])).Evaluate(P(from), P(to), Tcp80);

    private static CalicoPolicyInfo GlobalToDb(CalicoEntityRuleInfo source) =>
        Gnp("sa-to-db", order: 10, selector: "app == 'db'", ingress: [Allow(source)], types: ["Ingress"]);

    public static TheoryData<string, CalicoEntityRuleInfo, string, bool> RuleTable => new()
    {
        { "selector on the account's label", new() { ServiceAccountSelector = "team == 'frontend'" }, "dev/web", true },
        { "default account, no object", new() { ServiceAccountSelector = "team == 'frontend'" }, "dev/other", false },
        { "account not in the snapshot", new() { ServiceAccountSelector = "team == 'frontend'" }, "dev/ghost", false },
        { "same name, other namespace's labels", new() { ServiceAccountSelector = "team == 'frontend'" }, "prod/web", false },
        { "projectcalico.org/name label", new() { ServiceAccountSelector = "projectcalico.org/name == 'web-sa'" }, "dev/web", true },
        { "name label without the object", new() { ServiceAccountSelector = "projectcalico.org/name == 'ghost-sa'" }, "dev/ghost", true },
        { "names list", new() { ServiceAccountNames = ["web-sa"] }, "dev/web", true },
        { "names list, default account", new() { ServiceAccountNames = ["default"] }, "dev/other", true },
        { "names and selector both hold", new() { ServiceAccountNames = ["web-sa"], ServiceAccountSelector = "team == 'frontend'" }, "dev/web", true },
        { "names hold, selector does not", new() { ServiceAccountNames = ["web-sa"], ServiceAccountSelector = "team == 'backend'" }, "dev/web", false },
        { "selector and pod selector", new() { Selector = "app == 'web'", ServiceAccountSelector = "has(team)" }, "prod/web", true },
    };

    [Theory]
    [MemberData(nameof(RuleTable))]
    public void Evaluate_RuleServiceAccounts_MatchNameAndAccountLabels(string row, CalicoEntityRuleInfo source, string from, bool allowed)
    {
        var to = from.StartsWith("prod/", StringComparison.Ordinal) ? "prod/db" : "dev/db";

        var r = Eval(from, to, GlobalToDb(source));

        Assert.True(allowed == r.Allowed, $"{row}: {r.Summary}");
    }

    [Fact]
    public void Evaluate_NamespacedPolicyServiceAccounts_ScopedToItsNamespaceUnlessNamespaceSelector()
    {
        var own = Np("prod", "sa", order: 10, selector: "app == 'db'", ingress: [Allow(new CalicoEntityRuleInfo { ServiceAccountSelector = "team == 'frontend'" })], types: ["Ingress"]);
        var any = own with { Ingress = [Allow(new CalicoEntityRuleInfo { ServiceAccountSelector = "team == 'frontend'", NamespaceSelector = "all()" })] };

        Assert.False(Eval("dev/web", "prod/db", own).Allowed);
        Assert.True(Eval("dev/web", "prod/db", any).Allowed);
    }

    [Fact]
    public void Evaluate_PolicyServiceAccountSelector_AppliesToPodsWhoseAccountMatches()
    {
        var denyFrontendEgress = Gnp("frontend-out", order: 1, egress: [Deny()], types: ["Egress"]) with { ServiceAccountSelector = "team == 'frontend'" };

        var frontend = Eval("dev/web", "dev/db", denyFrontendEgress);
        var backend = Eval("prod/web", "prod/db", denyFrontendEgress);

        Assert.False(frontend.Allowed);
        Assert.Equal(CalicoOutcome.RuleDeny, frontend.Egress.Outcome);
        Assert.True(backend.Allowed);
        Assert.Equal(CalicoOutcome.ProfileAllow, backend.Egress.Outcome);
    }

    [Fact]
    public void Evaluate_AccountNotInSnapshot_WalkSaysOnlyTheNameLabelIsKnown()
    {
        var policy = Gnp("sa-to-db", order: 10, selector: "app == 'db'", ingress: [Allow(new CalicoEntityRuleInfo { ServiceAccountSelector = "team == 'frontend'" })], types: ["Ingress"]);
        var evaluator = CalicoTieredEvaluator.Build(Snapshot([.. Cluster, policy]));
        var caveats = new List<string>();
        var rule = CalicoPolicyCompiler.Compile(policy).IngressRules[0];

        var ghost = rule.Mismatch(evaluator.EndpointOf(new ObjectKey("dev", "ghost"))!, evaluator.EndpointOf(new ObjectKey("dev", "db"))!, Tcp80, caveats);
        var prod = rule.Mismatch(evaluator.EndpointOf(new ObjectKey("prod", "web"))!, evaluator.EndpointOf(new ObjectKey("prod", "db"))!, Tcp80, caveats);

        Assert.Contains("dev/ghost-sa", ghost, StringComparison.Ordinal);
        Assert.Contains("not in the snapshot", ghost, StringComparison.Ordinal);
        Assert.DoesNotContain("not in the snapshot", prod, StringComparison.Ordinal);
    }
}
