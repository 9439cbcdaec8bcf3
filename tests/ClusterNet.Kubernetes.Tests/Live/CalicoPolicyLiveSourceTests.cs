using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using ClusterNet.Kubernetes.Live;
using ClusterNet.Testing;
using Xunit.Abstractions;

namespace ClusterNet.Kubernetes.Tests.Live;

/// <summary>
/// Calico NetworkPolicy / GlobalNetworkPolicy / Tier from a real API server through the crd.projectcalico.org/v1 CRDs
/// (the test control plane has no Calico API server, so projectcalico.org/v3 is not served and the source falls back):
/// "not served" without the CRDs, read once installed, a bad selector reported with object and field while the rest
/// loads, the engine taking the policies, and deploy/'s ClusterRole allowing the list and watch.
/// </summary>
public sealed class CalicoPolicyLiveSourceTests(ControlPlaneFixture fixture, ITestOutputHelper output) : ControlPlaneTestBase(fixture, output)
{
    private static readonly LiveSourceOptions TestOptions = CrdTestOptions.For([ResourceKind.Namespaces, ResourceKind.Pods, ResourceKind.NetworkPolicies, .. CalicoPolicyCrds.Kinds]);

    [Fact]
    public async Task Sync_WithoutCrds_NotServed_ThenReadsEveryKindOnceInstalled()
    {
        // projectcalico.org/v3 served too would be preferred (CalicoApiServerGroupLiveSourceTests); make sure it is not.
        await Plane.KubectlAsync(CalicoPolicyCrds.V3Delete);
        await Plane.KubectlAsync(CalicoPolicyCrds.Delete);
        await using var source = AdminSource(TestOptions);
        await source.StartAsync(CancellationToken.None);
        var before = await LiveWait.ForAsync(
            source.Store,
            s => CalicoPolicyCrds.Kinds.All(k => s.StatusOf(k).State == KindState.NotServed) && s.StatusOf(ResourceKind.Pods).State == KindState.Synced,
            "Calico policy kinds not served",
            TimeSpan.FromSeconds(15));
        Assert.All(CalicoPolicyCrds.Kinds, k => Assert.Equal("notserved", before.StatusOf(k).StateName));

        await Plane.ApplyAsync(CalicoPolicyCrds.Manifest);
        await Plane.KubectlAsync(CalicoPolicyCrds.WaitEstablished);
        await Plane.ApplyAsync(Objects);

        var snap = await LiveWait.ForAsync(
            source.Store,
            s => CalicoPolicyCrds.Kinds.All(k => s.StatusOf(k).State == KindState.Synced)
                && s.CalicoGlobalNetworkPolicies.Count == 2 && s.CalicoNetworkPolicies.Count == 1 && s.CalicoTiers.Count == 1,
            "Calico policies synced",
            TimeSpan.FromSeconds(20));

        Assert.All(CalicoPolicyCrds.Kinds, k => Assert.Equal("crd.projectcalico.org/v1", snap.StatusOf(k).ApiVersion));
        Assert.Equal(100, snap.CalicoTiers.Get("", "it-security")!.Order);
        var deny = snap.CalicoGlobalNetworkPolicies.Get("", "it-security.deny-db")!;
        Assert.Equal(("it-security", 10d), (deny.Tier, deny.Order!.Value));
        Assert.Equal([CalicoRuleAction.Log, CalicoRuleAction.Deny], deny.Ingress.Select(r => r.Action));
        Assert.Equal("5000:6000", deny.Ingress[1].Destination.Ports[0].ToString());
        Assert.Equal(["preDNAT"], deny.HostEndpointFeatures.ToArray());
        var np = snap.CalicoNetworkPolicies.Get("it-calico", "allow-web")!;
        Assert.Equal("app == 'web'", np.Ingress[0].Source.Selector);

        // The bad one still loads; the problem names the object, the field and the position.
        Assert.NotNull(snap.CalicoGlobalNetworkPolicies.Get("", "it-bad"));
        Assert.Contains(snap.Diagnostics, d => d.Object == "GlobalNetworkPolicy it-bad" && d.Field == "spec.selector" && d.Message.Contains("at position"));
        Assert.Contains(snap.Diagnostics, d => d.Object == "GlobalNetworkPolicy it-security.deny-db" && d.Field == "spec.preDNAT" && d.Message.Contains("not model"));

        // And the engine takes them: the chain is there.
        Assert.True(PolicyEngine.Build(snap).HasTiers);
    }

    [Fact]
    public async Task DeployClusterRole_AllowsListAndWatchOfCalicoPolicies()
    {
        var snap = await DeployRoleSync.SyncAsync(Plane, Output, TestOptions, CalicoPolicyCrds.Manifest, CalicoPolicyCrds.WaitEstablished, Objects,
            CalicoPolicyCrds.Kinds, ResourceKind.CalicoGlobalNetworkPolicies, s => s.CalicoGlobalNetworkPolicies.Count >= 1);
        Assert.All(CalicoPolicyCrds.Kinds, k => Assert.Equal(KindState.Synced, snap.StatusOf(k).State));
        Assert.NotNull(snap.CalicoNetworkPolicies.Get("it-calico", "allow-web"));
    }

    private const string Objects = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: it-calico}
        ---
        apiVersion: crd.projectcalico.org/v1
        kind: Tier
        metadata: {name: it-security}
        spec: {order: 100}
        ---
        apiVersion: crd.projectcalico.org/v1
        kind: GlobalNetworkPolicy
        metadata: {name: it-security.deny-db}
        spec:
          tier: it-security
          order: 10
          selector: app == 'db'
          preDNAT: true
          ingress:
          - action: Log
          - action: Deny
            protocol: TCP
            source: {selector: app == 'web' && !has(debug), namespaceSelector: all()}
            destination: {ports: ["5000:6000"]}
        ---
        apiVersion: crd.projectcalico.org/v1
        kind: GlobalNetworkPolicy
        metadata: {name: it-bad}
        spec:
          selector: app == 'web' &&
          ingress: [{action: Allow}]
        ---
        apiVersion: crd.projectcalico.org/v1
        kind: NetworkPolicy
        metadata: {name: allow-web, namespace: it-calico}
        spec:
          order: 500
          selector: app == 'db'
          types: [Ingress]
          ingress:
          - {action: Allow, protocol: TCP, source: {selector: app == 'web'}, destination: {ports: [5432, http]}}
        """;
}
