using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using ClusterNet.Core.Policy.Calico;
using ClusterNet.Kubernetes.Live;
using ClusterNet.Testing;
using Xunit.Abstractions;

namespace ClusterNet.Kubernetes.Tests.Live;

/// <summary>
/// Calico NetworkSets / GlobalNetworkSets (crd.projectcalico.org/v1 CRDs) and ServiceAccounts from a real API server:
/// "not served" without the CRDs, read once installed with a bad net reported by object and field, ServiceAccount
/// labels read (and no Secret touched), and the engine matching an external address through the set.
/// </summary>
public sealed class CalicoNetworkSetLiveSourceTests(ControlPlaneFixture fixture, ITestOutputHelper output) : ControlPlaneTestBase(fixture, output)
{
    private static readonly string[] SetKinds = [ResourceKind.CalicoNetworkSets, ResourceKind.CalicoGlobalNetworkSets];

    private static readonly LiveSourceOptions TestOptions = CrdTestOptions.For([ResourceKind.Namespaces, ResourceKind.Pods, ResourceKind.ServiceAccounts, .. CalicoPolicyCrds.Kinds]);

    [Fact]
    public async Task Sync_NetworkSetsAndServiceAccounts_ReadAndUsedByTheEngine()
    {
        await Plane.KubectlAsync(CalicoPolicyCrds.V3Delete);
        await Plane.KubectlAsync(CalicoPolicyCrds.Delete);
        await using var source = AdminSource(TestOptions);
        source.RequestLog = [];
        await source.StartAsync(CancellationToken.None);
        await LiveWait.ForAsync(
            source.Store,
            s => SetKinds.All(k => s.StatusOf(k).State == KindState.NotServed) && s.StatusOf(ResourceKind.ServiceAccounts).State == KindState.Synced,
            "network set kinds not served, service accounts synced",
            TimeSpan.FromSeconds(15));

        await Plane.ApplyAsync(CalicoPolicyCrds.Manifest);
        await Plane.KubectlAsync(CalicoPolicyCrds.WaitEstablished);
        await Plane.ApplyAsync(Objects);

        var snap = await LiveWait.ForAsync(
            source.Store,
            s => SetKinds.All(k => s.StatusOf(k).State == KindState.Synced)
                && s.CalicoGlobalNetworkSets.Get("", "it-blocklist") is not null && s.CalicoNetworkSets.Get("it-netset", "partners") is not null
                && s.ServiceAccounts.Get("it-netset", "web-sa") is not null && s.Pods.Get("it-netset", "web-0") is not null
                && s.CalicoGlobalNetworkPolicies.Get("", "it-deny-blocked") is not null,
            "network sets, service accounts and the policy synced",
            TimeSpan.FromSeconds(20));

        Assert.All(SetKinds, k => Assert.Equal("crd.projectcalico.org/v1", snap.StatusOf(k).ApiVersion));
        var blocklist = snap.CalicoGlobalNetworkSets.Get("", "it-blocklist")!;
        Assert.Equal(["10.99.0.0/16", "10.300.0.0/16"], blocklist.Nets.ToArray());
        Assert.Equal("it-blocked", blocklist.Labels["role"]);
        Assert.Contains(snap.Diagnostics, d => d.Object == "GlobalNetworkSet it-blocklist" && d.Field == "spec.nets[1]" && d.Message.Contains("not a CIDR"));
        Assert.Equal(["198.51.100.0/28"], snap.CalicoNetworkSets.Get("it-netset", "partners")!.Nets.ToArray());
        Assert.Equal("frontend", snap.ServiceAccounts.Get("it-netset", "web-sa")!.Labels["team"]);
        Assert.DoesNotContain(source.RequestLog, path => path.Contains("secrets", StringComparison.Ordinal));

        var evaluator = CalicoTieredEvaluator.Build(snap);
        var blocked = evaluator.Evaluate(ReachEndpoint.External("10.99.3.3"), ReachEndpoint.OfPod(new ObjectKey("it-netset", "web-0")), ReachProbe.Tcp(80));
        var other = evaluator.Evaluate(ReachEndpoint.External("10.98.3.3"), ReachEndpoint.OfPod(new ObjectKey("it-netset", "web-0")), ReachProbe.Tcp(80));
        Assert.False(blocked.Allowed);
        Assert.Contains("GlobalNetworkSet `it-blocklist` 10.99.0.0/16", blocked.Ingress.Summary, StringComparison.Ordinal);
        Assert.True(other.Allowed);
    }

    private const string Objects = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: it-netset}
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: web-sa, namespace: it-netset, labels: {team: frontend}}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web-0, namespace: it-netset, labels: {app: it-netset-web}}
        spec: {serviceAccountName: web-sa, containers: [{name: c, image: nginx}]}
        ---
        apiVersion: crd.projectcalico.org/v1
        kind: GlobalNetworkSet
        metadata: {name: it-blocklist, labels: {role: it-blocked}}
        spec: {nets: [10.99.0.0/16, 10.300.0.0/16]}
        ---
        apiVersion: crd.projectcalico.org/v1
        kind: NetworkSet
        metadata: {name: partners, namespace: it-netset, labels: {role: partner}}
        spec: {nets: [198.51.100.0/28]}
        ---
        apiVersion: crd.projectcalico.org/v1
        kind: GlobalNetworkPolicy
        metadata: {name: it-deny-blocked}
        spec:
          order: 1
          selector: app == 'it-netset-web'
          types: [Ingress]
          ingress:
          - {action: Deny, source: {selector: role == 'it-blocked'}}
          - {action: Allow}
        """;
}
