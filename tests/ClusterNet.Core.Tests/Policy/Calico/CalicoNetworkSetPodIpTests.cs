using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using ClusterNet.Core.Policy.Calico;
using static ClusterNet.Core.Tests.Policy.Calico.Cal;
using K8s = ClusterNet.Core.Tests.Policy.Np;

namespace ClusterNet.Core.Tests.Policy.Calico;

/// <summary>
/// Truth tables for pods whose IP lies in a network set. Calico's dataplane matches a rule's source/destination
/// selector by IP set, built from the IPs of the endpoints and the nets of the network sets the selector picks, so a
/// pod whose IP lies in a picked set's net matches whatever its labels; a set notSelector matches excludes the pods in
/// it; nets and serviceAccounts still narrow (a set carries no service account). The rule-by-rule evaluator, the
/// explanation and the bitset matrix must agree.
/// </summary>
public sealed class CalicoNetworkSetPodIpTests
{
    private static readonly ReachProbe Tcp80 = ReachProbe.Tcp(80);

    private static readonly IClusterObject[] Cluster =
    [
        Ns("dev", ("env", "dev")),
        Ns("prod", ("env", "prod")),
        Pod("dev", "web", "10.0.1.1", labels: [("app", "web")]),
        Pod("dev", "cache", "10.0.1.7", labels: [("app", "cache")]),
        Pod("prod", "api", "10.0.2.1", labels: [("app", "api")]),
        Pod("prod", "batch", "10.0.3.1", labels: [("app", "batch")]),
        Set("corp-nets", null, ("role", "corp"), "10.0.2.0/24"),
        Set("inner", "dev", ("role", "inner"), "10.0.3.1"),
    ];

    private static CalicoPolicyInfo DenyInto(string to, CalicoEntityRuleInfo source, string? ns = null) => ns is null
        ? Gnp("guard", order: 5, selector: $"app == '{to}'", ingress: [Deny(source), Allow()], types: ["Ingress"])
        : Np(ns, "guard", order: 5, selector: $"app == '{to}'", ingress: [Deny(source), Allow()], types: ["Ingress"]);

    public static TheoryData<string, CalicoEntityRuleInfo, string?, string, bool> IngressTable => new()
    {
        // source, policy namespace (null: GlobalNetworkPolicy), from (to dev/web), denied
        { "pod IP in a picked global set", Sel("role == 'corp'"), null, "prod/api", true },
        { "pod IP outside every set", Sel("role == 'corp'"), null, "prod/batch", false },
        { "pod matched by its own labels still", Sel("app == 'batch'"), null, "prod/batch", true },
        { "namespaced set of the policy's namespace holds another namespace's pod", Sel("role == 'inner'"), "dev", "prod/batch", true },
        { "global set out of a namespaced policy's scope", Sel("role == 'corp'"), "dev", "prod/api", false },
        { "global() brings the global set in", new CalicoEntityRuleInfo { Selector = "role == 'corp'", NamespaceSelector = "global()" }, "dev", "prod/api", true },
        { "nets still narrow the set's pods", new CalicoEntityRuleInfo { Selector = "role == 'corp'", Nets = ["10.0.9.0/24"] }, null, "prod/api", false },
        { "nets holding the pod", new CalicoEntityRuleInfo { Selector = "role == 'corp'", Nets = ["10.0.2.0/28"] }, null, "prod/api", true },
        { "notNets drop the pod", new CalicoEntityRuleInfo { Selector = "role == 'corp'", NotNets = ["10.0.2.1"] }, null, "prod/api", false },
        { "serviceAccounts: a set never matches", new CalicoEntityRuleInfo { Selector = "role == 'corp'", ServiceAccountNames = ["default"] }, null, "prod/api", false },
        { "notSelector's set excludes the pod", new CalicoEntityRuleInfo { NotSelector = "role == 'corp'" }, null, "prod/api", false },
        { "notSelector's set leaves other pods", new CalicoEntityRuleInfo { NotSelector = "role == 'corp'" }, null, "prod/batch", true },
        { "selector by labels, pod in notSelector's set", new CalicoEntityRuleInfo { Selector = "app == 'api'", NotSelector = "role == 'corp'" }, null, "prod/api", false },
    };

    [Theory]
    [MemberData(nameof(IngressTable))]
    public void Evaluate_PodIpInNetworkSet_MatchesAsCalicoIpSetsDo(string row, CalicoEntityRuleInfo source, string? ns, string from, bool denied)
    {
        var snapshot = Snapshot([.. Cluster, DenyInto("web", source, ns)]);

        var r = CalicoTieredEvaluator.Build(snapshot).Evaluate(P(from), P("dev/web"), Tcp80);
        var engine = PolicyEngine.Build(snapshot);
        var matrix = engine.ComputeMatrix([Tcp80]);

        Assert.True(denied == !r.Allowed, $"{row}: {r.Summary}");
        var f = Array.IndexOf(engine.Pods.Select(p => p.ToString()).ToArray(), from);
        var t = Array.IndexOf(engine.Pods.Select(p => p.ToString()).ToArray(), "dev/web");
        Assert.True(r.Allowed == matrix.IsAllowed(f, t, 0), $"{row}: matrix {matrix.IsAllowed(f, t, 0)}");
    }

    [Fact]
    public void Evaluate_DenyFromPodInGlobalSet_ExplanationNamesPodIpAndSet()
    {
        var r = CalicoTieredEvaluator.Build(Snapshot([.. Cluster, DenyInto("web", Sel("role == 'corp'"))])).Evaluate(P("prod/api"), P("dev/web"), Tcp80);

        Assert.False(r.Allowed);
        Assert.Equal(CalicoOutcome.RuleDeny, r.Ingress.Outcome);
        Assert.Equal("tier default (order 1000000): GlobalNetworkPolicy guard order 5 ingress rule 1 `Deny` (source prod/api: pod 10.0.2.1 lies in GlobalNetworkSet `corp-nets` 10.0.2.0/24)", r.Ingress.Summary);
    }

    [Fact]
    public void Evaluate_PodMatchedByOwnLabelsAndInSet_ExplanationDoesNotNameTheSet()
    {
        var r = CalicoTieredEvaluator.Build(Snapshot([.. Cluster, DenyInto("web", Sel("app == 'api' || role == 'corp'"))])).Evaluate(P("prod/api"), P("dev/web"), Tcp80);

        Assert.False(r.Allowed);
        Assert.DoesNotContain("lies in", r.Ingress.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_EgressToPodInNamespacedSet_DestinationNamesTheSet()
    {
        var policy = Np("dev", "to-inner", order: 10, selector: "app == 'web'",
            egress: [Allow(destination: Sel("role == 'inner'"))], types: ["Egress"]);
        var evaluator = CalicoTieredEvaluator.Build(Snapshot([.. Cluster, policy]));

        var inSet = evaluator.Evaluate(P("dev/web"), P("prod/batch"), Tcp80);
        var outside = evaluator.Evaluate(P("dev/web"), P("prod/api"), Tcp80);

        Assert.True(inSet.Allowed);
        Assert.Contains("destination prod/batch: pod 10.0.3.1 lies in NetworkSet `dev/inner` 10.0.3.1/32", inSet.Egress.Summary, StringComparison.Ordinal);
        Assert.False(outside.Allowed);
        Assert.Equal(CalicoOutcome.EndOfTierDeny, outside.Egress.Outcome);
    }

    [Fact]
    public void Mismatch_PodExcludedByNotSelectorSet_ReasonNamesPodIpAndSet()
    {
        var snapshot = Snapshot([.. Cluster]);
        var policy = CalicoPolicyCompiler.Compile(DenyInto("web", new CalicoEntityRuleInfo { NotSelector = "role == 'corp'" }), CalicoNetworkSetIndex.Of(snapshot));
        var namespaces = snapshot.Namespaces.ToDictionary(n => n.Name, StringComparer.Ordinal);
        var endpoint = CalicoEndpoint.OfPod(snapshot.Pods.Single(p => p.Name == "api"), snapshot, namespaces);

        var why = policy.IngressRules[0].Source.Mismatch(endpoint, Tcp80, portKnown: false, "source", []);

        Assert.Equal("source: prod/api: pod 10.0.2.1 lies in GlobalNetworkSet `corp-nets` 10.0.2.0/24, which matches notSelector role == 'corp'", why);
    }

    [Fact]
    public void Evaluate_KubernetesNetworkPolicyPeer_NeverMatchesThroughASet()
    {
        // Calico's converter pins NetworkPolicy peers to projectcalico.org/orchestrator == 'k8s', which no set carries.
        var np = K8s.NetPol("dev", "only-api", K8s.Sel(("app", "web")), ingress: [K8s.Rule([K8s.Pods(K8s.Sel(("app", "api")))], [K8s.Port(80)])]);
        var evaluator = CalicoTieredEvaluator.Build(Snapshot([.. Cluster, np, Set("all-pods", "dev", ("app", "api"), "10.0.0.0/16")]));

        Assert.True(evaluator.Evaluate(P("dev/cache"), P("dev/web"), Tcp80) is { Allowed: false });
    }
}
