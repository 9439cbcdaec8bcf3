using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Live;
using ClusterNet.Testing;
using Xunit.Abstractions;

namespace ClusterNet.Kubernetes.Tests.Live;

/// <summary>
/// The Calico API server path: projectcalico.org/v3. The test control plane cannot run Calico's aggregated API server,
/// so CRDs under group projectcalico.org, version v3, stand in for it (discovery lists them the same way). With both
/// groups served the source reads v3 only (with the API server installed, crd.projectcalico.org holds the same objects
/// as its storage, so reading both would count each twice); when v3 goes away it falls back to the CRD group.
/// </summary>
public sealed class CalicoApiServerGroupLiveSourceTests(ControlPlaneFixture fixture, ITestOutputHelper output) : ControlPlaneTestBase(fixture, output)
{
    private static readonly LiveSourceOptions TestOptions = CrdTestOptions.For([ResourceKind.Namespaces, .. CalicoPolicyCrds.Kinds]);

    [Fact]
    public async Task Sync_BothGroupsServed_ReadsProjectcalicoV3Only_ThenFallsBackWhenItGoes()
    {
        try
        {
            await Plane.ApplyAsync(CalicoPolicyCrds.Manifest);
            await Plane.KubectlAsync(CalicoPolicyCrds.WaitEstablished);
            await Plane.ApplyAsync(CalicoPolicyCrds.V3Manifest);
            await Plane.KubectlAsync(CalicoPolicyCrds.V3WaitEstablished);
            await Plane.ApplyAsync(CrdGroupObjects);
            await Plane.ApplyAsync(V3Objects);

            await using var source = AdminSource(TestOptions);
            await source.StartAsync(CancellationToken.None);
            var v3 = await LiveWait.ForAsync(
                source.Store,
                s => CalicoPolicyCrds.Kinds.All(k => s.StatusOf(k).State == KindState.Synced) && s.CalicoGlobalNetworkPolicies.Get("", "it-v3.from-v3") is not null
                    && s.CalicoGlobalNetworkSets.Get("", "it-v3-set") is not null,
                "Calico kinds synced from projectcalico.org/v3",
                TimeSpan.FromSeconds(20));

            Assert.All(CalicoPolicyCrds.Kinds, k => Assert.Equal("projectcalico.org/v3", v3.StatusOf(k).ApiVersion));
            Assert.Null(v3.CalicoGlobalNetworkPolicies.Get("", "it-from-crd-group"));
            Assert.Null(v3.CalicoGlobalNetworkSets.Get("", "it-crd-set"));
            var gnp = v3.CalicoGlobalNetworkPolicies.Get("", "it-v3.from-v3")!;
            Assert.Equal(("it-v3", 5d), (gnp.Tier, gnp.Order!.Value));
            Assert.Equal(50, v3.CalicoTiers.Get("", "it-v3")!.Order);
            Assert.Equal("role == 'v3'", v3.CalicoNetworkPolicies.Get("it-calico-v3", "allow-v3")!.Ingress[0].Source.Selector);
            Assert.Equal(["192.0.2.0/24"], v3.CalicoNetworkSets.Get("it-calico-v3", "v3-partners")!.Nets.ToArray());
            Assert.Equal(["203.0.113.0/24"], v3.CalicoGlobalNetworkSets.Get("", "it-v3-set")!.Nets.ToArray());

            // The API server goes (here: its CRDs): the source falls back to what the CRD group serves.
            await Plane.KubectlAsync(CalicoPolicyCrds.V3Delete);
            var crd = await LiveWait.ForAsync(
                source.Store,
                s => CalicoPolicyCrds.Kinds.All(k => s.StatusOf(k).State == KindState.Synced && s.StatusOf(k).ApiVersion == "crd.projectcalico.org/v1")
                    && s.CalicoGlobalNetworkPolicies.Get("", "it-from-crd-group") is not null && s.CalicoGlobalNetworkSets.Get("", "it-crd-set") is not null,
                "Calico kinds read from crd.projectcalico.org/v1 after v3 went away",
                TimeSpan.FromSeconds(30));
            Assert.Null(crd.CalicoGlobalNetworkPolicies.Get("", "it-v3.from-v3"));
        }
        finally
        {
            // Other tests expect the CRD group alone.
            await Plane.KubectlAsync(CalicoPolicyCrds.V3Delete);
        }
    }

    private const string CrdGroupObjects = """
        apiVersion: crd.projectcalico.org/v1
        kind: GlobalNetworkPolicy
        metadata: {name: it-from-crd-group}
        spec: {selector: app == 'nothing', ingress: [{action: Allow}]}
        ---
        apiVersion: crd.projectcalico.org/v1
        kind: GlobalNetworkSet
        metadata: {name: it-crd-set, labels: {role: crd}}
        spec: {nets: [198.18.0.0/15]}
        """;

    private const string V3Objects = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: it-calico-v3}
        ---
        apiVersion: projectcalico.org/v3
        kind: Tier
        metadata: {name: it-v3}
        spec: {order: 50}
        ---
        apiVersion: projectcalico.org/v3
        kind: GlobalNetworkPolicy
        metadata: {name: it-v3.from-v3}
        spec: {tier: it-v3, order: 5, selector: app == 'nothing', ingress: [{action: Pass}]}
        ---
        apiVersion: projectcalico.org/v3
        kind: NetworkPolicy
        metadata: {name: allow-v3, namespace: it-calico-v3}
        spec: {selector: all(), ingress: [{action: Allow, source: {selector: role == 'v3'}}]}
        ---
        apiVersion: projectcalico.org/v3
        kind: NetworkSet
        metadata: {name: v3-partners, namespace: it-calico-v3, labels: {role: v3}}
        spec: {nets: [192.0.2.0/24]}
        ---
        apiVersion: projectcalico.org/v3
        kind: GlobalNetworkSet
        metadata: {name: it-v3-set, labels: {role: v3}}
        spec: {nets: [203.0.113.0/24]}
        """;
}
