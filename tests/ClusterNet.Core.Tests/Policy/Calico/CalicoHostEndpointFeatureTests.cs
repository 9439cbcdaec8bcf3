using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using ClusterNet.Core.Policy.Calico;
using static ClusterNet.Core.Tests.Policy.Calico.Cal;

namespace ClusterNet.Core.Tests.Policy.Calico;

/// <summary>
/// Host-endpoint features: preDNAT and doNotTrack make a policy a host-endpoint policy, which Calico never applies to
/// a pod (Felix renders them only into host endpoint chains); host endpoints are not modelled, so such a policy is left
/// out of pod verdicts and lint says so. applyOnForward only changes host-endpoint behaviour: pods are judged by the
/// policy as written.
/// </summary>
public sealed class CalicoHostEndpointFeatureTests
{
    private static readonly IClusterObject[] Cluster =
    [
        Ns("dev"),
        Pod("dev", "web", "10.0.1.1", labels: [("app", "web")]),
        Pod("dev", "db", "10.0.1.2", labels: [("app", "db")]),
    ];

    private static CalicoPolicyInfo DenyToDb(params string[] features) =>
        Gnp("deny-db", order: 1, selector: "app == 'db'", ingress: [Deny()], types: ["Ingress"]) with { HostEndpointFeatures = [.. features] };

    public static TheoryData<string[], bool, bool> Table => new()
    {
        // features, web → db allowed, lint notice
        { [], false, false },
        { ["applyOnForward"], false, false },
        { ["preDNAT", "applyOnForward"], true, true },
        { ["doNotTrack", "applyOnForward"], true, true },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Evaluate_HostEndpointFeatures_PreDnatAndDoNotTrackNeverApplyToPods(string[] features, bool allowed, bool notice)
    {
        var snapshot = Snapshot([.. Cluster, DenyToDb(features)]);

        var r = CalicoTieredEvaluator.Build(snapshot).Evaluate(P("dev/web"), P("dev/db"), ReachProbe.Tcp(80));
        var engine = PolicyEngine.Build(snapshot).Explain(P("dev/web"), P("dev/db"), ReachProbe.Tcp(80));
        var findings = PolicyLinter.Lint(PolicyEngine.Build(snapshot)).Where(f => f.Code == "calico-host-endpoint-policy").ToList();

        Assert.Equal(allowed, r.Allowed);
        Assert.Equal(allowed, engine.Allowed);
        Assert.Equal(notice, findings.Count == 1);
    }

    [Fact]
    public void Lint_PreDnatPolicy_SaysItIsLeftOutBecauseHostEndpointsAreNotModelled()
    {
        var f = Assert.Single(PolicyLinter.Lint(PolicyEngine.Build(Snapshot([.. Cluster, DenyToDb("preDNAT", "applyOnForward")]))), f => f.Code == "calico-host-endpoint-policy");

        Assert.Equal(("GlobalNetworkPolicy deny-db", "spec.preDNAT"), (f.Subject, f.Field));
        Assert.Contains("host endpoints only, never to pods", f.Message, StringComparison.Ordinal);
        Assert.Contains("not modelled", f.Message, StringComparison.Ordinal);
    }
}
