using ClusterNet.Core.Model;
using ClusterNet.Core.Topology;

namespace ClusterNet.Core.Tests.Topology;

public class TopologyBuilderTests
{
    [Fact]
    public void Build_Demo_DrawsNodesDevicesVethsAndPods()
    {
        var g = TopologyFixtures.Demo();

        Assert.Equal(CniName.Flannel, g.Cni.Name);
        Assert.Equal(3, g.Elements.Count(e => e.Kind == ElementKind.Node));
        var node01 = g.Elements.Where(e => e.Parent == "node/node01").ToList();
        Assert.Contains(node01, e => e is { Kind: ElementKind.Nic, Label: "eth0? 172.16.100.102" });
        Assert.Contains(node01, e => e is { Kind: ElementKind.Bridge, Label: "cni0 10.244.1.1/24" });
        var vtep = Assert.Single(node01, e => e.Kind == ElementKind.Tunnel);
        Assert.Equal("flannel.1 10.244.1.0/32", vtep.Label);
        Assert.Equal("1450", vtep.Data["mtu"]);
        Assert.Equal("1", vtep.Data["vni"]);
        Assert.Equal("8472", vtep.Data["udpPort"]);
        Assert.Equal(TopologyFixtures.Node01Mac, vtep.Data["vtepMAC"]);
        Assert.Contains(node01, e => e is { Kind: ElementKind.Veth, Label: "veth of pod-a" });
        var pod = g.Element("pod/dev/pod-a")!;
        Assert.Equal("node/node01", pod.Parent);
        Assert.Equal("10.244.1.2", pod.Data["ip"]);
        Assert.Equal("web", pod.Labels["app"]);
        Assert.Contains(g.Edges, e => e is { Kind: EdgeKind.VethPair, Source: "pod/dev/pod-a", Target: "veth/dev/pod-a" });
        Assert.Contains(g.Edges, e => e is { Kind: EdgeKind.BridgePort, Source: "veth/dev/pod-a", Target: "dev/node01/bridge" });
        Assert.Contains(g.Edges, e => e is { Kind: EdgeKind.LocalRoute, Source: "dev/node01/bridge", Target: "dev/node01/tunnel" });
        Assert.Contains(g.Edges, e => e is { Kind: EdgeKind.Encapsulation, Source: "dev/node01/tunnel", Target: "dev/node01/nic" });
    }

    [Fact]
    public void Build_Demo_ParentsComeBeforeChildren()
    {
        var g = TopologyFixtures.Demo();
        var seen = new HashSet<string>();

        foreach (var e in g.Elements)
        {
            Assert.True(e.Parent is null || seen.Contains(e.Parent), $"{e.Id} before its parent {e.Parent}");
            seen.Add(e.Id);
        }

        Assert.Equal(g.Elements.Length, seen.Count);
        Assert.All(g.Edges, e => Assert.True(seen.Contains(e.Source) && seen.Contains(e.Target), e.Id));
        Assert.Equal(g.Edges.Length, g.Edges.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public void Build_HostNetworkPod_SitsOnTheNicWithoutVeth()
    {
        var g = TopologyFixtures.Demo();

        var pod = g.Element("pod/kube-system/kube-flannel-ds-m1")!;
        Assert.Equal(ElementKind.HostNetworkPod, pod.Kind);
        Assert.Equal("1500", pod.Data["mtu"]);
        Assert.Null(g.Element("veth/kube-system/kube-flannel-ds-m1"));
        Assert.Contains(g.Edges, e => e is { Kind: EdgeKind.HostNetwork, Source: "pod/kube-system/kube-flannel-ds-m1", Target: "dev/master/nic" });
    }

    [Fact]
    public void Build_Ipvs_PutsKubeIpvs0WithEveryClusterIpOnEachNode()
    {
        var g = TopologyFixtures.Demo();

        var ipvs = g.Elements.Where(e => e.Kind == ElementKind.Ipvs).ToList();
        Assert.Equal(3, ipvs.Count);
        Assert.All(ipvs, e => Assert.Equal("10.96.0.100", e.Data["addresses"]));
        Assert.Equal("ipvs", g.KubeProxyMode);
        Assert.Contains("ConfigMap kube-system/kube-proxy", g.KubeProxyModeSource);
    }

    [Theory]
    [InlineData("iptables")]
    [InlineData("")]
    public void Build_IptablesOrEmptyMode_HasNoKubeIpvs0(string mode)
    {
        var g = TopologyFixtures.Demo(proxyMode: mode);

        Assert.Equal("iptables", g.KubeProxyMode);
        Assert.DoesNotContain(g.Elements, e => e.Kind == ElementKind.Ipvs);
    }

    [Fact]
    public void Build_Service_IsVipWithEdgesToEndpointPods()
    {
        var g = TopologyFixtures.Demo();

        var svc = g.Element("svc/prod/db")!;
        Assert.Equal("db 10.96.0.100", svc.Label);
        Assert.Null(svc.Parent);
        var edge = Assert.Single(g.Edges, e => e.Kind == EdgeKind.Endpoint);
        Assert.Equal(("svc/prod/db", "pod/prod/pod-b"), (edge.Source, edge.Target));
        Assert.Equal("8080/TCP", edge.Label);
    }

    [Fact]
    public void Build_DirectRoutingSameSegment_DrawsDirectRouteEdgesAndSegment()
    {
        var g = TopologyFixtures.Demo();

        Assert.Equal(3, g.Edges.Count(e => e.Kind == EdgeKind.DirectRoute && e.Label == "DirectRouting"));
        Assert.DoesNotContain(g.Edges, e => e.Kind == EdgeKind.TunnelLink);
        var segment = g.Element("segment/172.16.100.0/24")!;
        Assert.Equal("172.16.100.0/24 (inferred)", segment.Label);
        Assert.Equal(3, g.Edges.Count(e => e.Kind == EdgeKind.Underlay));
    }

    [Fact]
    public void Build_PlainVxlan_DrawsTunnelsBetweenVteps()
    {
        var g = TopologyFixtures.Demo(directRouting: false);

        var tunnels = g.Edges.Where(e => e.Kind == EdgeKind.TunnelLink).ToList();
        Assert.Equal(3, tunnels.Count);
        Assert.Contains(tunnels, t => t is { Source: "dev/master/tunnel", Target: "dev/node01/tunnel", Label: "VXLAN VNI 1, UDP 8472" });
    }

    [Fact]
    public void Build_HostGw_DrawsNoTunnelDevice()
    {
        var g = TopologyFixtures.Demo(backend: "host-gw", directRouting: false);

        Assert.DoesNotContain(g.Elements, e => e.Kind == ElementKind.Tunnel);
        Assert.Equal(3, g.Edges.Count(e => e.Kind == EdgeKind.DirectRoute && e.Label == "host-gw"));
        Assert.Contains(g.Edges, e => e is { Kind: EdgeKind.LocalRoute, Source: "dev/node01/bridge", Target: "dev/node01/nic" });
    }

    [Fact]
    public void Build_Canal_UsesCaliVethsAndFlannelTunnelWithPolicyMarker()
    {
        var objects = TopologyFixtures.DemoObjects(directRouting: false);
        objects.RemoveAll(o => o is WorkloadInfo);
        objects.Add(TopologyFixtures.DaemonSet("kube-system", "canal"));
        var g = TopologyBuilder.Build(TopologyFixtures.Snapshot(objects));

        Assert.Equal(CniName.Canal, g.Cni.Name);
        Assert.True(g.Cni.EnforcesPolicy);
        Assert.Contains("calico", g.Cni.PolicyEnforcer);
        Assert.DoesNotContain(g.Elements, e => e.Kind == ElementKind.Bridge);
        Assert.Contains(g.Elements, e => e is { Id: "dev/node01/tunnel", Label: "flannel.1 10.244.1.0/32" });
        var veth = g.Element("veth/dev/pod-a")!;
        Assert.Equal(CalicoNaming.VethName("dev", "pod-a"), veth.Label);
        Assert.Contains(g.Edges, e => e is { Kind: EdgeKind.LocalRoute, Source: "veth/dev/pod-a", Target: "dev/node01/tunnel" });
        var routes = TopologyFixtures.RouteLines(g, "node01");
        Assert.Contains($"10.244.1.2 dev {CalicoNaming.VethName("dev", "pod-a")} scope link", routes);
        Assert.Contains("10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink", routes);
        Assert.DoesNotContain(g.Warnings, w => w.Code == WarningCode.PolicyNotEnforced);
    }

    [Theory]
    [InlineData("Always", "Never", "tunl0")]
    [InlineData("Never", "Always", "vxlan.calico")]
    public void Build_Calico_DrawsTunnelDevicePerPoolMode(string ipip, string vxlan, string device)
    {
        var g = TopologyBuilder.Build(TopologyFixtures.Snapshot(TopologyFixtures.CalicoObjects(ipip, vxlan)));

        Assert.Equal(CniName.Calico, g.Cni.Name);
        var tunnel = g.Element($"dev/node01/{device}")!;
        Assert.Equal(ElementKind.Tunnel, tunnel.Kind);
        Assert.Equal(device == "tunl0" ? 1480 : 1450, g.PodMtu);
        Assert.Equal(3, g.Edges.Count(e => e.Kind == EdgeKind.TunnelLink));
        Assert.Equal(3, g.Edges.Count(e => e.Kind == EdgeKind.Bgp && e.Label == "BGP (node-to-node mesh)"));
        Assert.Contains(g.Edges, e => e is { Kind: EdgeKind.LocalRoute, Source: "veth/dev/pod-a" } && e.Target == $"dev/node01/{device}");
        Assert.DoesNotContain(g.Elements, e => e.Kind == ElementKind.Bridge);
    }

    [Fact]
    public void Build_CalicoWithoutMesh_ConnectsNodesToRouteReflectors()
    {
        var objects = TopologyFixtures.CalicoObjects("Never", "Never", mesh: false);
        objects[0] = ((NodeInfo)objects[0]) with { Labels = LabelMap.Of(("route-reflector", "true")) };
        var g = TopologyBuilder.Build(TopologyFixtures.Snapshot(objects));

        var bgp = g.Edges.Where(e => e.Kind == EdgeKind.Bgp).ToList();
        Assert.Equal(2, bgp.Count);
        Assert.All(bgp, e => Assert.Equal("dev/master/nic", e.Target));
    }

    [Fact]
    public void Build_AboveMeshLimit_OmitsMeshEdgesWithInfo()
    {
        var g = TopologyFixtures.Demo(new TopologyOptions { MeshEdgeNodeLimit = 2 });

        Assert.DoesNotContain(g.Edges, e => e.Kind is EdgeKind.DirectRoute or EdgeKind.TunnelLink);
        Assert.Contains(g.Warnings, w => w.Code == WarningCode.MeshEdgesOmitted);
    }

    [Fact]
    public void Build_SameSnapshotTwice_GivesEqualElements()
    {
        var a = TopologyFixtures.Demo();
        var b = TopologyFixtures.Demo();

        Assert.Equal(a.Elements.ToArray(), b.Elements.ToArray());
        Assert.Equal(a.Edges.ToArray(), b.Edges.ToArray());
        Assert.True(TopologyDiff.Compute(a, b).IsEmpty);
    }

    [Fact]
    public void Build_EmptySnapshot_GivesEmptyGraph()
    {
        var g = TopologyBuilder.Build(TopologyFixtures.Snapshot([]));

        Assert.Empty(g.Elements);
        Assert.Equal(CniName.Unknown, g.Cni.Name);
    }

    [Fact]
    public void Build_UnknownCni_AttachesPodsThroughVethToNic()
    {
        var objects = TopologyFixtures.DemoObjects().Where(o => o is not (WorkloadInfo or ConfigMapInfo or PodInfo { HostNetwork: true })).Select(o => o is NodeInfo n ? n with { Annotations = LabelMap.Empty } : o);
        var g = TopologyBuilder.Build(TopologyFixtures.Snapshot(objects));

        Assert.Equal(CniName.Unknown, g.Cni.Name);
        Assert.Null(g.Cni.EnforcesPolicy);
        Assert.Contains(g.Edges, e => e is { Source: "veth/dev/pod-a", Target: "dev/node01/nic" });
        Assert.Contains(g.Warnings, w => w.Code == WarningCode.CniUnknown);
    }
}
