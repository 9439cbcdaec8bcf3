using ClusterNet.Core.Topology;

namespace ClusterNet.Core.Tests.Topology;

public class RoutePredictorTests
{
    [Fact]
    public void Predict_DemoMasterWithDirectRouting_RoutesPeersViaTheirNodeIpsOnTheNic()
    {
        var routes = TopologyFixtures.RouteLines(TopologyFixtures.Demo(), "master");

        Assert.Equal(
            [
                "default via ? dev eth0 proto static",
                "10.244.0.0/24 dev cni0 proto kernel scope link src 10.244.0.1",
                "10.244.1.0/24 via 172.16.100.102 dev eth0",
                "10.244.2.0/24 via 172.16.100.103 dev eth0",
                "172.16.100.0/24 dev eth0 proto kernel scope link src 172.16.100.101",
            ],
            routes);
    }

    [Fact]
    public void Predict_DemoMasterOnItsOwnSegment_FallsBackToVxlanOnlinkForBothPeers()
    {
        var graph = TopologyFixtures.Demo(TopologyFixtures.Subnets("172.16.100.100/31", "172.16.100.102/31"));

        var routes = TopologyFixtures.RouteLines(graph, "master");

        Assert.Contains("10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink", routes);
        Assert.Contains("10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink", routes);
        Assert.Contains("172.16.100.100/31 dev eth0 proto kernel scope link src 172.16.100.101", routes);
        // node01 and node02 share 172.16.100.102/31: DirectRouting between them still applies.
        Assert.Contains("10.244.2.0/24 via 172.16.100.103 dev eth0", TopologyFixtures.RouteLines(graph, "node01"));
    }

    [Fact]
    public void Predict_InferredNodesOnDifferentSlash24_UseVxlanAndSayItIsInferred()
    {
        var objects = TopologyFixtures.DemoObjects();
        objects[1] = TopologyFixtures.FlannelNode("node01", "192.168.7.10", "10.244.1.0/24", TopologyFixtures.Node01Mac);
        var graph = TopologyBuilder.Build(TopologyFixtures.Snapshot(objects));

        var table = RoutePredictor.Predict(graph, "master")!;

        Assert.Contains("10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink", table.Routes.Select(r => r.ToString()));
        Assert.Contains("10.244.2.0/24 via 172.16.100.103 dev eth0", table.Routes.Select(r => r.ToString()));
        Assert.Contains(table.Notes, n => n.StartsWith("inferred:", StringComparison.Ordinal));
        Assert.Equal(NodeSubnetInfo.Inferred, graph.NodeSubnets.Source);
    }

    [Fact]
    public void Predict_PlainVxlan_RoutesViaSubnetNetworkAddressOnFlannel1Onlink()
    {
        var routes = TopologyFixtures.RouteLines(TopologyFixtures.Demo(directRouting: false), "node01");

        Assert.Contains("10.244.0.0/24 via 10.244.0.0 dev flannel.1 onlink", routes);
        Assert.Contains("10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink", routes);
        Assert.Contains("10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1", routes);
    }

    [Fact]
    public void Predict_HostGw_RoutesEveryPeerViaItsIpOnTheNic()
    {
        var graph = TopologyFixtures.Demo(backend: "host-gw", directRouting: false);

        var routes = TopologyFixtures.RouteLines(graph, "node02");

        Assert.Contains("10.244.0.0/24 via 172.16.100.101 dev eth0", routes);
        Assert.Contains("10.244.1.0/24 via 172.16.100.102 dev eth0", routes);
        Assert.DoesNotContain(RoutePredictor.Predict(graph, "node02")!.Links, l => l.Name.StartsWith("flannel", StringComparison.Ordinal));
        Assert.Equal(1500, graph.PodMtu);
    }

    [Fact]
    public void Predict_Udp_SendsWholeNetworkToFlannel0()
    {
        var graph = TopologyFixtures.Demo(backend: "udp", directRouting: false);

        var table = RoutePredictor.Predict(graph, "master")!;

        Assert.Contains("10.244.0.0/16 dev flannel0 proto kernel scope link src 10.244.0.0", table.Routes.Select(r => r.ToString()));
        Assert.DoesNotContain(table.Routes, r => r.Peer is not null);
        var flannel0 = Assert.Single(table.Links, l => l.Name == "flannel0");
        Assert.Equal(1472, flannel0.Mtu);
        Assert.Equal(1472, graph.PodMtu);
    }

    [Fact]
    public void Predict_ConfiguredNicName_IsUsedInRoutesAndLinks()
    {
        var graph = TopologyFixtures.Demo(new TopologyOptions { NicName = "ens33" });

        var table = RoutePredictor.Predict(graph, "master")!;

        Assert.Contains("10.244.1.0/24 via 172.16.100.102 dev ens33", table.Routes.Select(r => r.ToString()));
        Assert.Equal("ens33", table.Links[1].Name);
        Assert.DoesNotContain(table.Notes, n => n.Contains("guess", StringComparison.Ordinal));
    }

    [Fact]
    public void Predict_FlannelVxlanLinks_ListDevicesInIpLinkFormat()
    {
        var table = RoutePredictor.Predict(TopologyFixtures.Demo(), "node01")!;

        Assert.Equal(["lo", "eth0", "kube-ipvs0", "flannel.1", "cni0", "veth…@if3", "veth…@if3"], table.Links.Select(l => l.Name));
        Assert.Equal(Enumerable.Range(1, 7), table.Links.Select(l => l.Index));
        var vtep = table.Links.Single(l => l.Name == "flannel.1").ToString();
        Assert.Equal(
            $"4: flannel.1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UNKNOWN mode DEFAULT group default\n    link/ether {TopologyFixtures.Node01Mac} brd ff:ff:ff:ff:ff:ff",
            vtep);
        var veth = table.Links[5];
        Assert.Equal("cni0", veth.Master);
        Assert.Contains("veth of dev/pod-a", veth.Note);
        Assert.StartsWith("3: kube-ipvs0: <BROADCAST,NOARP> mtu 1500 qdisc noop state DOWN", table.Links[2].ToString());
    }

    [Fact]
    public void Predict_IptablesMode_HasNoKubeIpvs0()
    {
        var table = RoutePredictor.Predict(TopologyFixtures.Demo(proxyMode: "iptables"), "node01")!;

        Assert.DoesNotContain(table.Links, l => l.Name == "kube-ipvs0");
    }

    [Theory]
    [InlineData("Always", "Never", "10.244.2.64/26 via 172.16.200.103 dev tunl0 proto bird onlink", "10.244.1.64/26 via 172.16.100.102 dev tunl0 proto bird onlink")]
    [InlineData("CrossSubnet", "Never", "10.244.2.64/26 via 172.16.200.103 dev tunl0 proto bird onlink", "10.244.1.64/26 via 172.16.100.102 dev eth0 proto bird")]
    // VXLAN routes are Felix's (proto 80), also the unencapsulated ones of CrossSubnet (issue 17.1).
    [InlineData("Never", "Always", "10.244.2.64/26 via 10.244.2.65 dev vxlan.calico proto 80 onlink", "10.244.1.64/26 via 10.244.1.65 dev vxlan.calico proto 80 onlink")]
    [InlineData("Never", "CrossSubnet", "10.244.2.64/26 via 10.244.2.65 dev vxlan.calico proto 80 onlink", "10.244.1.64/26 via 172.16.100.102 dev eth0 proto 80")]
    [InlineData("Never", "Never", "10.244.2.64/26 via 172.16.200.103 dev eth0 proto bird", "10.244.1.64/26 via 172.16.100.102 dev eth0 proto bird")]
    public void Predict_CalicoPoolModes_PickTunnelPerPeer(string ipip, string vxlan, string toNode02, string toNode01)
    {
        var graph = TopologyBuilder.Build(TopologyFixtures.Snapshot(TopologyFixtures.CalicoObjects(ipip, vxlan)));

        var routes = TopologyFixtures.RouteLines(graph, "master");

        Assert.Contains(toNode02, routes);
        Assert.Contains(toNode01, routes);
    }

    [Fact]
    public void Predict_CalicoNode_HasBlackholeBlockAndPerPodCaliRoutes()
    {
        var graph = TopologyBuilder.Build(TopologyFixtures.Snapshot(TopologyFixtures.CalicoObjects()));

        var table = RoutePredictor.Predict(graph, "node01")!;
        var lines = table.Routes.Select(r => r.ToString()).ToList();

        Assert.Contains("blackhole 10.244.1.64/26 proto bird", lines);
        Assert.Contains($"10.244.1.66 dev {CalicoNaming.VethName("dev", "pod-a")} scope link", lines);
        Assert.Contains(table.Links, l => l.Name == "tunl0@NONE" && l.Mtu == 1480);
        var cali = Assert.Single(table.Links, l => l.Name.StartsWith("cali", StringComparison.Ordinal));
        Assert.Equal(CalicoNaming.HostSideMac, cali.Address);
    }

    [Fact]
    public void VethName_Calico_IsCaliPlusSha1Prefix()
    {
        // echo -n dev.pod-a | sha1sum → 1a361c64da2d7bf1…
        Assert.Equal("cali1a361c64da2", CalicoNaming.VethName("dev", "pod-a"));
    }

    [Fact]
    public void Predict_UnknownNode_ReturnsNull()
    {
        Assert.Null(RoutePredictor.Predict(TopologyFixtures.Demo(), "nope"));
    }

    [Fact]
    public void Lookup_LongestPrefixWins()
    {
        var table = RoutePredictor.Predict(TopologyFixtures.Demo(), "master")!;

        Assert.Equal("10.244.1.0/24", table.Lookup(Ipv4Cidr.Parse("10.244.1.2/32").Address)!.Destination);
        Assert.Equal("default", table.Lookup(Ipv4Cidr.Parse("8.8.8.8/32").Address)!.Destination);
    }
}
