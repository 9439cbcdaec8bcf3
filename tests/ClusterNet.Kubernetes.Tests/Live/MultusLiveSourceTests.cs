using ClusterNet.Core.Model;
using ClusterNet.Core.Topology;
using ClusterNet.Kubernetes.Live;
using ClusterNet.Testing;
using Xunit.Abstractions;

namespace ClusterNet.Kubernetes.Tests.Live;

/// <summary>
/// The live source reads the operator's Installation and Multus' NetworkAttachmentDefinitions and MultiNetworkPolicies
/// from a real API server once the CRDs (written in the test) are installed; a broken NAD config is a diagnostic and the
/// rest still syncs; topology draws the pod's net1 from the network-status annotation.
/// </summary>
public sealed class MultusLiveSourceTests(ControlPlaneFixture fixture, ITestOutputHelper output) : ControlPlaneTestBase(fixture, output)
{
    private static readonly LiveSourceOptions TestOptions = CrdTestOptions.AllKinds;

    [Fact]
    public async Task Sync_InstallationNadsAndMultiNetworkPolicy_AreReadAndDrawn()
    {
        const string ns = "it-multus";
        await Plane.ApplyAsync(MultusCalicoOperatorCrds.Manifest);
        await Plane.KubectlAsync(MultusCalicoOperatorCrds.WaitEstablished);
        await Plane.CreateNodeAsync("it-multus-node", "10.244.7.0/24", "192.168.57.11");
        await Plane.ApplyAsync($$$"""
            apiVersion: v1
            kind: Namespace
            metadata: {name: {{{ns}}}}
            ---
            apiVersion: operator.tigera.io/v1
            kind: Installation
            metadata: {name: default}
            spec:
              calicoNetwork:
                bgp: Disabled
                mtu: 1410
                ipPools: [{cidr: 10.48.0.0/16, encapsulation: VXLAN, natOutgoing: Enabled, blockSize: 26}]
            ---
            apiVersion: k8s.cni.cncf.io/v1
            kind: NetworkAttachmentDefinition
            metadata: {name: macvlan-conf, namespace: {{{ns}}}}
            spec:
              config: '{"cniVersion": "0.3.1", "type": "macvlan", "master": "ens1f0", "mode": "bridge", "ipam": {"type": "host-local", "subnet": "192.168.1.0/24"}}'
            ---
            apiVersion: k8s.cni.cncf.io/v1
            kind: NetworkAttachmentDefinition
            metadata:
              name: sriov-net
              namespace: {{{ns}}}
              annotations: {k8s.v1.cni.cncf.io/resourceName: intel.com/intel_sriov_netdevice}
            spec:
              config: '{"cniVersion": "0.3.1", "type": "sriov", "vlan": 100}'
            ---
            apiVersion: k8s.cni.cncf.io/v1
            kind: NetworkAttachmentDefinition
            metadata: {name: broken, namespace: {{{ns}}}}
            spec:
              config: '{"type": "macvlan", "master": '
            ---
            apiVersion: k8s.cni.cncf.io/v1beta1
            kind: MultiNetworkPolicy
            metadata:
              name: macvlan-ingress
              namespace: {{{ns}}}
              annotations: {k8s.v1.cni.cncf.io/policy-for: macvlan-conf}
            spec:
              podSelector: {matchLabels: {app: db}}
              policyTypes: [Ingress]
              ingress: [{from: [{ipBlock: {cidr: 192.168.1.0/24}}]}]
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: db
              namespace: {{{ns}}}
              labels: {app: db}
              annotations:
                k8s.v1.cni.cncf.io/networks: macvlan-conf
                k8s.v1.cni.cncf.io/network-status: '[{"name":"k8s-pod-network","interface":"eth0","ips":["10.244.7.5"],"default":true},{"name":"{{{ns}}}/macvlan-conf","interface":"net1","ips":["192.168.1.200"]}]'
            spec:
              nodeName: it-multus-node
              containers: [{name: db, image: postgres}]
            """);

        await using var source = AdminSource(TestOptions);
        await source.StartAsync(CancellationToken.None);
        var snap = await LiveWait.ForAsync(
            source.Store,
            s => MultusCalicoOperatorCrds.Kinds.All(k => s.StatusOf(k).State == KindState.Synced)
                && s.Installations.Get("", "default") is not null && s.NetworkAttachmentDefinitions.Count(n => n.Namespace == ns) == 3
                && s.MultiNetworkPolicies.Get(ns, "macvlan-ingress") is not null && s.Pods.Get(ns, "db") is not null,
            "Installation, NADs and MultiNetworkPolicy synced",
            TimeSpan.FromSeconds(20));

        Assert.Equal("operator.tigera.io/v1", snap.StatusOf(ResourceKind.Installations).ApiVersion);
        Assert.Equal("k8s.cni.cncf.io/v1beta1", snap.StatusOf(ResourceKind.MultiNetworkPolicies).ApiVersion);
        var installation = snap.Installations.Get("", "default")!;
        Assert.Equal(("Disabled", 1410, "VXLAN"), (installation.Bgp, installation.Mtu, installation.IpPools.Single().Encapsulation));
        Assert.Equal(("macvlan", "ens1f0", "bridge"), (snap.NetworkAttachmentDefinitions.Get(ns, "macvlan-conf")!.CniType, snap.NetworkAttachmentDefinitions.Get(ns, "macvlan-conf")!.Master, snap.NetworkAttachmentDefinitions.Get(ns, "macvlan-conf")!.Mode));
        Assert.Equal("intel.com/intel_sriov_netdevice", snap.NetworkAttachmentDefinitions.Get(ns, "sriov-net")!.ResourceName);
        Assert.NotNull(snap.NetworkAttachmentDefinitions.Get(ns, "broken")!.ConfigError);
        Assert.Contains(snap.Diagnostics, d => d.Object == $"NetworkAttachmentDefinition {ns}/broken" && d.Field == "spec.config");

        var calico = CalicoSettingsReader.Read(snap);
        Assert.Equal((CalicoPoolSource.Installation, "vxlan", 1410), (calico.PoolSource, calico.Backend, calico.Mtu));

        var graph = TopologyBuilder.Build(snap);
        var net1 = graph.Element($"sec/{ns}/db/net1")!;
        Assert.Equal(("macvlan", "192.168.1.200"), (net1.Data["cni"], net1.Data["ips"]));
        Assert.NotNull(graph.Element("dev/it-multus-node/parent/ens1f0"));
    }
}
