using ClusterNet.Core.Model;
using ClusterNet.Core.Topology;
using ClusterNet.Kubernetes.Files;
using ClusterNet.Testing.Cni;

namespace ClusterNet.Kubernetes.Tests.Manifests;

/// <summary>
/// One family per published manifest kind, read the way a user's dump is read (file source → snapshot → topology):
/// predicted routes, devices, pod MTU, and which source decided Calico's pool.
/// </summary>
public sealed class CniManifestTopologyTests
{
    private static TopologyGraph Build(string yaml, string file)
    {
        var result = ManifestLoader.LoadText(yaml, file);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        return TopologyBuilder.Build(result.ToSnapshot(new SourceInfo("file", file)));
    }

    private static NodeRouteTable Routes(TopologyGraph graph, string node) => RoutePredictor.Predict(graph, node) ?? throw new InvalidOperationException(node);

    private static string Route(NodeRouteTable table, string destination) => table.Routes.Single(r => r.Destination == destination).ToString();

    [Fact]
    public void CalicoIpip_WithoutIpPool_PoolFromCalicoNodeEnvRoutesViaTunl0ProtoBirdAndMtu1480()
    {
        var graph = Build(CniManifestFixtures.CalicoIpip, "calico.yaml");

        Assert.Equal(CniName.Calico, graph.Cni.Name);
        var calico = graph.Calico!;
        Assert.Equal(CalicoPoolSource.CalicoNodeEnv, calico.PoolSource);
        var pool = Assert.Single(calico.Pools);
        Assert.Equal(("default-ipv4-ippool", "192.168.0.0/16", "Always", "Never"), (pool.Name, pool.Cidr, pool.IpipMode, pool.VxlanMode));
        Assert.Equal("bird", calico.Backend);
        Assert.Null(calico.Mtu);
        Assert.Equal(1480, graph.PodMtu);

        var table = Routes(graph, "node01");
        Assert.Equal("192.168.140.64/26 via 172.16.100.103 dev tunl0 proto bird onlink", Route(table, "192.168.140.64/26"));
        Assert.Equal("192.168.219.64/26 via 172.16.100.101 dev tunl0 proto bird onlink", Route(table, "192.168.219.64/26"));
        Assert.Equal("blackhole 192.168.196.128/26 proto bird", Route(table, "192.168.196.128/26"));
        Assert.Contains(table.Links, l => l.Name == "tunl0@NONE" && l.Mtu == 1480);
        Assert.DoesNotContain(table.Links, l => l.Name == "vxlan.calico");
        Assert.Contains(table.Links, l => l.Name.StartsWith("cali", StringComparison.Ordinal) && l.Mtu == 1480);
        Assert.Contains(table.Notes, n => n.Contains("from DaemonSet kube-system/calico-node container calico-node: CALICO_IPV4POOL_IPIP=Always; CALICO_IPV4POOL_VXLAN=Never", StringComparison.Ordinal));
        Assert.Contains(table.Notes, n => n.Contains("CALICO_NETWORKING_BACKEND=bird from ConfigMap kube-system/calico-config key calico_backend", StringComparison.Ordinal));
        Assert.Contains(table.Notes, n => n.StartsWith("assumed", StringComparison.Ordinal) && n.Contains("cidr 192.168.0.0/16", StringComparison.Ordinal));
        Assert.Contains(table.Notes, n => n.Contains("FELIX_IPINIPMTU=0 from ConfigMap kube-system/calico-config key veth_mtu", StringComparison.Ordinal));
        Assert.Contains(graph.Elements, e => e.Id == "dev/node01/tunl0" && e.Data["mtu"] == "1480");
    }

    [Fact]
    public void CalicoVxlan_WithoutIpPool_VxlanCalicoFelixRoutesProto80AndMtu1450()
    {
        var graph = Build(CniManifestFixtures.CalicoVxlan, "calico-vxlan.yaml");

        var calico = graph.Calico!;
        Assert.Equal(CalicoPoolSource.CalicoNodeEnv, calico.PoolSource);
        Assert.Equal(("Never", "Always"), (calico.Pools[0].IpipMode, calico.Pools[0].VxlanMode));
        Assert.Equal("vxlan", calico.Backend);
        Assert.Equal(1450, graph.PodMtu);

        var table = Routes(graph, "node01");
        Assert.Equal("192.168.140.64/26 via 192.168.140.64 dev vxlan.calico proto 80 onlink", Route(table, "192.168.140.64/26"));
        Assert.Equal("blackhole 192.168.196.128/26 proto 80", Route(table, "192.168.196.128/26"));
        Assert.DoesNotContain(table.Routes, r => r.Proto == "bird");
        Assert.Contains(table.Links, l => l.Name == "vxlan.calico" && l.Mtu == 1450 && l.Address == "66:1b:0c:00:00:02");
        Assert.DoesNotContain(table.Links, l => l.Name.StartsWith("tunl0", StringComparison.Ordinal));
        Assert.Contains(table.Notes, n => n.Contains("backend vxlan: CALICO_NETWORKING_BACKEND=vxlan from ConfigMap kube-system/calico-config", StringComparison.Ordinal));
        Assert.Contains(graph.Elements, e => e.Id == "dev/node01/vxlan.calico" && e.Data["mtu"] == "1450");
    }

    [Fact]
    public void CalicoIpip_EditedEnv_CidrBlockSizeAndFixedMtuAreRead()
    {
        var graph = Build(CniManifestFixtures.CalicoIpipCustom, "calico.yaml");

        var calico = graph.Calico!;
        Assert.Equal(("10.10.0.0/16", 24), (calico.Pools[0].Cidr, calico.BlockSize));
        Assert.Equal(1440, calico.Mtu);
        Assert.Equal(1440, graph.PodMtu);
        Assert.Equal("blackhole 10.10.7.0/24 proto bird", Route(Routes(graph, "node01"), "10.10.7.0/24"));
        Assert.DoesNotContain(calico.Notes, n => n.StartsWith("assumed", StringComparison.Ordinal) && n.Contains("cidr", StringComparison.Ordinal));
        Assert.Contains(calico.Notes, n => n.StartsWith("MTU 1440: FELIX_IPINIPMTU=1440 from ConfigMap kube-system/calico-config key veth_mtu", StringComparison.Ordinal));
    }

    [Fact]
    public void CalicoIpip_IpPoolObjectPresent_ObjectWinsOverEnv()
    {
        var yaml = CniManifestFixtures.CalicoIpip + """
            ---
            apiVersion: crd.projectcalico.org/v1
            kind: IPPool
            metadata: {name: default-ipv4-ippool}
            spec: {cidr: 192.168.0.0/16, ipipMode: Never, vxlanMode: Always, natOutgoing: true, blockSize: 26}
            """;
        var graph = Build(yaml, "calico.yaml");

        Assert.Equal(CalicoPoolSource.IpPoolObject, graph.Calico!.PoolSource);
        Assert.Equal("Always", graph.Calico.Pools[0].VxlanMode);
        Assert.Contains("dev vxlan.calico proto 80", Route(Routes(graph, "node01"), "192.168.140.64/26"), StringComparison.Ordinal);
    }

    [Fact]
    public void OperatorInstallation_VxlanCrossSubnet_PoolFromInstallationMtuFromSpec()
    {
        var graph = Build(CniManifestFixtures.OperatorInstallation, "installation.yaml");

        Assert.Equal(CniName.Calico, graph.Cni.Name);
        Assert.Contains(graph.Cni.Signals, s => s.Contains("Installation default", StringComparison.Ordinal));
        var calico = graph.Calico!;
        Assert.Equal(CalicoPoolSource.Installation, calico.PoolSource);
        Assert.Equal(("Never", "CrossSubnet"), (calico.Pools[0].IpipMode, calico.Pools[0].VxlanMode));
        Assert.Equal("bird", calico.Backend);
        Assert.Equal(1400, graph.PodMtu);

        var table = Routes(graph, "node01");
        // node02 is on 172.16.200.0/24: VXLAN; master shares node01's subnet: Felix routes it directly.
        Assert.Equal("192.168.140.64/26 via 192.168.140.64 dev vxlan.calico proto 80 onlink", Route(table, "192.168.140.64/26"));
        Assert.Equal("192.168.219.64/26 via 172.16.100.101 dev eth0 proto 80", Route(table, "192.168.219.64/26"));
        Assert.Contains(table.Links, l => l.Name == "vxlan.calico" && l.Mtu == 1400);
        Assert.Contains(calico.Notes, n => n.Contains("from Installation default spec.calicoNetwork.ipPools[0]", StringComparison.Ordinal));
        Assert.Contains(calico.Notes, n => n == "MTU 1400: Installation default spec.calicoNetwork.mtu");
    }

    [Fact]
    public void OperatorInstallation_WithoutIpPools_OperatorDefaultsAreAssumed()
    {
        var yaml = """
            apiVersion: operator.tigera.io/v1
            kind: Installation
            metadata: {name: default}
            spec: {}
            """;
        var snapshot = ManifestLoader.LoadText(yaml + "\n---\n" + CniManifestFixtures.CalicoIpip.Split("apiVersion: v1\nkind: Node", 2)[0], "installation.yaml");
        var calico = CalicoSettingsReader.Read(snapshot.ToSnapshot(new SourceInfo("file", "x")));

        Assert.Equal(CalicoPoolSource.Installation, calico.PoolSource);
        Assert.Equal(("192.168.0.0/16", "Always"), (calico.Pools[0].Cidr, calico.Pools[0].IpipMode));
        Assert.Contains(calico.Notes, n => n.Contains("the operator's default pool is assumed", StringComparison.Ordinal));
        Assert.Contains(calico.Notes, n => n.StartsWith("backend bird: assumed", StringComparison.Ordinal));
        Assert.Null(calico.Mtu);
    }

    [Fact]
    public void CalicoIpip_WithoutIpPool_PodNetworkFactsHoldThePoolCalicoNodeWillCreate()
    {
        var snapshot = ManifestLoader.LoadText(CniManifestFixtures.CalicoIpipCustom, "calico.yaml").ToSnapshot(new SourceInfo("file", "calico.yaml"));

        Assert.Contains("10.10.0.0/16", ClusterNet.Core.Facts.ClusterFacts.Of(snapshot).PodNetworks);
    }

    [Fact]
    public void Canal_FlannelDataPathWithCalicoVeths_RoutesViaFlannel1AndMtu1450()
    {
        var graph = Build(CniManifestFixtures.Canal, "canal.yaml");

        Assert.Equal(CniName.Canal, graph.Cni.Name);
        Assert.Null(graph.Calico);
        Assert.Equal("vxlan", graph.Flannel!.BackendType);
        Assert.Equal(1450, graph.PodMtu);
        var table = Routes(graph, "node01");
        Assert.Equal("10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink", Route(table, "10.244.2.0/24"));
        Assert.Contains(table.Links, l => l.Name == "flannel.1" && l.Mtu == 1450);
        Assert.Contains(table.Links, l => l.Name.StartsWith("cali", StringComparison.Ordinal));
        Assert.DoesNotContain(table.Links, l => l.Name.StartsWith("tunl0", StringComparison.Ordinal));
    }

    [Fact]
    public void Flannel_KubeFlannelNamespace_RoutesViaFlannel1CniBridgeAndMtu1450()
    {
        var graph = Build(CniManifestFixtures.Flannel, "kube-flannel.yml");

        Assert.Equal(CniName.Flannel, graph.Cni.Name);
        Assert.Equal(1450, graph.PodMtu);
        var table = Routes(graph, "node01");
        Assert.Equal("10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink", Route(table, "10.244.2.0/24"));
        Assert.Equal("10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1", Route(table, "10.244.1.0/24"));
        Assert.Contains(table.Links, l => l.Name == "flannel.1" && l.Mtu == 1450 && l.Address == "66:1b:0c:00:00:02");
        Assert.Contains(table.Notes, n => n.Contains("kube-flannel/kube-flannel-cfg", StringComparison.Ordinal));
    }
}
