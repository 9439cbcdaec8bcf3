using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using ClusterNet.Core.Policy.Calico;
using static ClusterNet.Core.Tests.Policy.Calico.Cal;

namespace ClusterNet.Core.Tests.Policy.Calico;

/// <summary>
/// Truth tables for the labels Calico gives every workload endpoint ("Calico automatic labels", and Calico's Kubernetes
/// converter: NamespaceToProfile / ServiceAccountToProfile): <c>projectcalico.org/namespace</c>,
/// <c>projectcalico.org/orchestrator: k8s</c>, <c>projectcalico.org/serviceaccount</c>, and the profiles' labels the
/// endpoint inherits, the namespace's as <c>pcns.KEY</c> (plus <c>pcns.projectcalico.org/name</c>) and the
/// ServiceAccount's as <c>pcsa.KEY</c> (plus <c>pcsa.projectcalico.org/name</c>). A namespaced network set inherits the
/// namespace profile too. Policy selectors and rule selectors see them alike.
/// </summary>
public sealed class CalicoAutomaticLabelTests
{
    private static readonly ReachProbe Tcp80 = ReachProbe.Tcp(80);

    private static readonly IClusterObject[] Cluster =
    [
        Ns("dev", ("team", "a")),
        Ns("prod", ("team", "b")),
        new ServiceAccountInfo { Namespace = "dev", Name = "pg", Labels = LabelMap.Of(("role", "db")) },
        Pod("dev", "web", "10.0.1.1", labels: [("app", "web")]),
        Pod("dev", "pg", "10.0.1.2", sa: "pg", labels: [("app", "pg")]),
        Pod("prod", "api", "10.0.2.1", labels: [("app", "api")]),
        Pod("prod", "odd", "10.0.2.2", labels: [("app", "odd"), ("pcns.team", "a")]),
        Set("partners", "dev", ("kind", "partner"), "198.51.100.0/24"),
    ];

    private static CalicoPolicyInfo DenyInto(string selector, CalicoEntityRuleInfo source) =>
        Gnp("guard", order: 5, selector: selector, ingress: [Deny(source), Allow()], types: ["Ingress"]);

    public static TheoryData<string, string, string, bool> SourceSelectorTable => new()
    {
        // rule source selector, from (to prod/api), denied
        { "namespace profile label", "pcns.team == 'a'", "dev/web", true },
        { "namespace profile label, other namespace", "pcns.team == 'a'", "prod/api", false },
        { "namespace profile name label", "pcns.projectcalico.org/name == 'dev'", "dev/pg", true },
        { "pcns.kubernetes.io/metadata.name", "pcns.kubernetes.io/metadata.name == 'dev'", "dev/web", true },
        { "namespace label", "projectcalico.org/namespace == 'dev'", "dev/web", true },
        { "namespace label, other namespace", "projectcalico.org/namespace == 'dev'", "prod/api", false },
        { "orchestrator label", "projectcalico.org/orchestrator == 'k8s' && app == 'web'", "dev/web", true },
        { "serviceaccount label", "projectcalico.org/serviceaccount == 'pg'", "dev/pg", true },
        { "serviceaccount label, default account", "projectcalico.org/serviceaccount == 'default'", "dev/web", true },
        { "service account profile label", "pcsa.role == 'db'", "dev/pg", true },
        { "service account profile label, account without it", "pcsa.role == 'db'", "dev/web", false },
        { "service account profile name label", "pcsa.projectcalico.org/name == 'pg'", "dev/pg", true },
        { "service account name label without the object", "pcsa.projectcalico.org/name == 'default'", "dev/web", true },
        { "pod's own label wins over the profile's", "pcns.team == 'a'", "prod/odd", true },
        { "namespace labels are not pod labels", "team == 'a'", "dev/web", false },
    };

    [Theory]
    [MemberData(nameof(SourceSelectorTable))]
    public void Evaluate_RuleSelectorOnAutomaticLabels_Matches(string row, string selector, string from, bool denied)
    {
        var snapshot = Snapshot([.. Cluster, DenyInto("app == 'api'", Sel(selector))]);

        var r = CalicoTieredEvaluator.Build(snapshot).Evaluate(P(from), P("prod/api"), Tcp80);

        Assert.True(denied == !r.Allowed, $"{row}: {r.Summary}");
        Assert.Equal(r.Allowed, PolicyEngine.Build(snapshot).Explain(P(from), P("prod/api"), Tcp80).Allowed);
    }

    public static TheoryData<string, string, bool> PolicySelectorTable => new()
    {
        // policy selector, pod judged (from dev/web), applies
        { "pcns.team == 'b'", "prod/api", true },
        { "pcns.team == 'b'", "dev/pg", false },
        { "pcsa.role == 'db'", "dev/pg", true },
        { "pcsa.role == 'db'", "prod/api", false },
        { "projectcalico.org/namespace == 'dev' && app == 'pg'", "dev/pg", true },
    };

    [Theory]
    [MemberData(nameof(PolicySelectorTable))]
    public void Evaluate_PolicySelectorOnAutomaticLabels_AppliesToThePod(string selector, string to, bool applies)
    {
        var policy = Gnp("deny-all", order: 5, selector: selector, ingress: [Deny()], types: ["Ingress"]);

        var r = CalicoTieredEvaluator.Build(Snapshot([.. Cluster, policy])).Evaluate(P("dev/web"), P(to), Tcp80);

        Assert.True(applies == !r.Allowed, $"{selector} on {to}: {r.Summary}");
    }

    [Fact]
    public void Evaluate_NamespacedNetworkSetInheritsNamespaceProfile_PcnsSelectorMatchesItsNets()
    {
        var snapshot = Snapshot([.. Cluster, DenyInto("app == 'api'", Sel("pcns.team == 'a' && kind == 'partner'"))]);

        var r = CalicoTieredEvaluator.Build(snapshot).Evaluate(P("198.51.100.7"), P("prod/api"), Tcp80);

        Assert.False(r.Allowed);
        Assert.Contains("source 198.51.100.7 in NetworkSet `dev/partners` 198.51.100.0/24", r.Ingress.Summary, StringComparison.Ordinal);
    }
}
