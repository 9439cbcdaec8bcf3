using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using ClusterNet.Core.Topology;

namespace ClusterNet.Core.Tests.Topology;

public class PacketWalkerTests
{
    private static PacketWalkResult Walk(TopologyGraph g, string from, string to, int port = 80, string protocol = "TCP", IPacketPolicyJudge? judge = null, string? endpoint = null) =>
        PacketWalker.Walk(g, new PacketWalkQuery { From = from, To = to, Port = port, Protocol = protocol, Endpoint = endpoint }, judge);

    [Fact]
    public void Walk_CrossNodeVxlan_EncapsulatesWithVtepMacsNodeIpsUdp8472AndVni()
    {
        var g = TopologyFixtures.Demo(directRouting: false);

        var r = Walk(g, "dev/pod-a", "prod/pod-b");

        Assert.Null(r.Error);
        Assert.Equal("vxlan", r.Mode);
        Assert.False(r.SameNode);
        Assert.Equal(
            ["send", "veth", "bridge", "route", "encapsulate", "transmit", "receive", "decapsulate", "route", "bridge", "veth", "deliver"],
            r.Hops.Select(h => h.Action));
        var encap = r.Hops.Single(h => h.Action == "encapsulate");
        Assert.Equal("dev/node01/tunnel", encap.ElementId);
        Assert.Equal(["Ethernet", "IPv4", "UDP", "VXLAN", "Ethernet", "IPv4", "TCP"], encap.Headers.Select(h => h.Name));
        Assert.Equal("172.16.100.102", encap.Headers[1]["src"]);
        Assert.Equal("172.16.100.103", encap.Headers[1]["dst"]);
        Assert.Equal("8472", encap.Headers[2]["dst port"]);
        Assert.Equal("1", encap.Headers[3]["VNI"]);
        Assert.Equal(TopologyFixtures.Node01Mac, encap.Headers[4]["src"]);
        Assert.Equal(TopologyFixtures.Node02Mac, encap.Headers[4]["dst"]);
        Assert.Equal("10.244.1.2", encap.Headers[5]["src"]);
        Assert.Equal("10.244.2.2", encap.Headers[5]["dst"]);
        Assert.Equal(50, encap.Overhead);
        // MTU counts from the outer IP header: 20 IP + 8 UDP + 8 VXLAN + 14 inner Ethernet.
        Assert.Equal(50, encap.Headers.Skip(1).Take(4).Sum(h => h.Bytes));
        Assert.Equal("10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink", r.Hops[3].Route);
        Assert.Equal("10.244.2.0/24 dev cni0 proto kernel scope link src 10.244.2.1", r.Hops[8].Route);
        Assert.Equal(["IPv4", "TCP"], r.Hops[8].Headers.Select(h => h.Name));
    }

    [Fact]
    public void Walk_CrossNodeVxlan_MtuMathUsesFiftyBytesOverhead()
    {
        var r = Walk(TopologyFixtures.Demo(directRouting: false), "dev/pod-a", "prod/pod-b");

        Assert.Equal(1450, r.PathMtu);
        Assert.Equal(50, r.Overhead);
        Assert.Equal(1410, r.MaxPayload);
        Assert.Contains("1500 − 50 (14 inner Ethernet + 8 VXLAN + 8 UDP + 20 outer IPv4) = 1450", r.MtuExplanation);
    }

    [Fact]
    public void Walk_CrossNodeVxlan_HighlightsPathElementsAndEdges()
    {
        var g = TopologyFixtures.Demo(directRouting: false);

        var r = Walk(g, "dev/pod-a", "prod/pod-b");

        Assert.Equal(
            ["pod/dev/pod-a", "veth/dev/pod-a", "dev/node01/bridge", "dev/node01/tunnel", "dev/node01/nic", "dev/node02/nic", "dev/node02/tunnel", "dev/node02/bridge", "veth/prod/pod-b", "pod/prod/pod-b"],
            r.PathElementIds.ToArray());
        Assert.All(r.PathElementIds, id => Assert.NotNull(g.Element(id)));
        Assert.Contains("tunnel:dev/node01/tunnel->dev/node02/tunnel", r.PathEdgeIds);
        Assert.Contains("veth-pair:pod/dev/pod-a->veth/dev/pod-a", r.PathEdgeIds);
        Assert.True(r.PathEdgeIds.Contains("encap:dev/node01/tunnel->dev/node01/nic"), string.Join(" ", r.PathEdgeIds));
        Assert.All(r.PathEdgeIds, id => Assert.Contains(g.Edges, e => e.Id == id));
    }

    [Fact]
    public void Walk_DirectRoutingSameSegment_CrossesWithoutEncapsulation()
    {
        var r = Walk(TopologyFixtures.Demo(), "dev/pod-a", "prod/pod-b");

        Assert.Equal("direct-routing", r.Mode);
        Assert.DoesNotContain(r.Hops, h => h.Action is "encapsulate" or "decapsulate");
        var wire = r.Hops.Single(h => h.Action == "transmit");
        Assert.Equal(["Ethernet", "IPv4", "TCP"], wire.Headers.Select(h => h.Name));
        Assert.Equal("10.244.1.2", wire.Headers[1]["src"]);
        Assert.Equal("10.244.2.0/24 via 172.16.100.103 dev eth0", r.Hops.First(h => h.Action == "route").Route);
        Assert.Equal(0, r.Overhead);
        Assert.Equal(1450, r.PathMtu);
        Assert.Contains("dev/node01/nic", r.PathElementIds);
        Assert.Contains("direct-route:dev/node01/nic->dev/node02/nic", r.PathEdgeIds);
    }

    [Fact]
    public void Walk_SameNode_IsBridgedWithoutRouting()
    {
        var r = Walk(TopologyFixtures.Demo(), "dev/pod-a", "dev/pod-c");

        Assert.True(r.SameNode);
        Assert.Equal("same-node", r.Mode);
        Assert.Equal(["send", "veth", "bridge", "veth", "deliver"], r.Hops.Select(h => h.Action));
        Assert.Contains("eth0 MAC of dev/pod-c", r.Hops[0].Headers[0]["dst"]);
    }

    [Fact]
    public void Walk_ToServiceWithIpvs_DnatsOnKubeIpvs0ToTheEndpointAndTargetPort()
    {
        var g = TopologyFixtures.Demo(directRouting: false);

        var r = Walk(g, "dev/pod-a", "svc/prod/db");

        Assert.Null(r.Error);
        Assert.Equal("10.96.0.100", r.ServiceIp);
        Assert.Equal("prod/pod-b", r.Endpoint);
        Assert.Equal(8080, r.DestinationPort);
        Assert.Equal("10.96.0.100", r.Hops[0].Headers[1]["dst"]);
        Assert.Equal("80", r.Hops[0].Headers[2]["dst port"]);
        var dnat = Assert.Single(r.Hops, h => h.Action == "dnat");
        Assert.Equal("dev/node01/kube-ipvs0", dnat.ElementId);
        Assert.Equal("10.244.2.2", dnat.Headers.Single(h => h.Name == "IPv4")["dst"]);
        Assert.Equal("8080", dnat.Headers.Single(h => h.Name == "TCP")["dst port"]);
        Assert.Contains("IPVS", dnat.Detail);
        Assert.Equal("10.244.2.2", r.Hops.Single(h => h.Action == "encapsulate").Headers[5]["dst"]);
    }

    [Fact]
    public void Walk_ToServiceWithIptables_DnatsAtTheServiceElement()
    {
        var r = Walk(TopologyFixtures.Demo(proxyMode: "iptables"), "dev/pod-a", "svc/prod/db");

        var dnat = Assert.Single(r.Hops, h => h.Action == "dnat");
        Assert.Equal("svc/prod/db", dnat.ElementId);
        Assert.Contains("KUBE-SVC", dnat.Detail);
    }

    [Theory]
    [InlineData("dev/nope", "prod/pod-b", 80, "TCP", "from: pod dev/nope not found")]
    [InlineData("pod-a", "prod/pod-b", 80, "TCP", "must be namespace/pod")]
    [InlineData("dev/pod-a", "svc/prod/nope", 80, "TCP", "Service prod/nope not found")]
    [InlineData("dev/pod-a", "svc/prod/db", 81, "TCP", "has no port 81/TCP")]
    public void Walk_BadRequest_ReturnsErrorWithoutHops(string from, string to, int port, string protocol, string error)
    {
        var r = Walk(TopologyFixtures.Demo(), from, to, port, protocol);

        Assert.Contains(error, r.Error);
        Assert.Empty(r.Hops);
    }

    [Fact]
    public void Walk_ServiceWithoutEndpoints_ExplainsTheReject()
    {
        var objects = TopologyFixtures.DemoObjects();
        objects.RemoveAll(o => o is EndpointSetInfo);

        var r = Walk(TopologyBuilder.Build(TopologyFixtures.Snapshot(objects)), "dev/pod-a", "svc/prod/db");

        Assert.Contains("no pod endpoints", r.Error);
    }

    [Fact]
    public void Walk_ChosenEndpointThatIsNotOne_ListsTheEndpoints()
    {
        var r = Walk(TopologyFixtures.Demo(), "dev/pod-a", "svc/prod/db", endpoint: "dev/pod-c");

        Assert.Contains("prod/pod-b", r.Error);
    }

    [Fact]
    public void Walk_FromHostNetworkPod_StartsInHostStackWithNodeIp()
    {
        var r = Walk(TopologyFixtures.Demo(directRouting: false), "kube-system/kube-flannel-ds-m1", "prod/pod-b");

        Assert.Equal("172.16.100.101", r.SourceIp);
        Assert.Equal("send", r.Hops[0].Action);
        Assert.Equal("host network", r.Hops[0].Interface);
        Assert.DoesNotContain(r.Hops, h => h.ElementId == "dev/master/bridge");
        Assert.Equal("172.16.100.101", r.Hops.Single(h => h.Action == "encapsulate").Headers[5]["src"]);
    }

    [Fact]
    public void Walk_CalicoIpip_UsesTunl0WithProtocol4()
    {
        var g = TopologyBuilder.Build(TopologyFixtures.Snapshot(TopologyFixtures.CalicoObjects("Always")));

        var r = Walk(g, "dev/pod-a", "prod/pod-b");

        Assert.Equal("calico-ipip", r.Mode);
        Assert.Equal(["send", "veth", "route", "encapsulate", "transmit", "receive", "decapsulate", "route", "veth", "deliver"], r.Hops.Select(h => h.Action));
        var encap = r.Hops.Single(h => h.Action == "encapsulate");
        Assert.Equal("dev/node01/tunl0", encap.ElementId);
        Assert.Equal(["Ethernet", "IPv4", "IPv4", "TCP"], encap.Headers.Select(h => h.Name));
        Assert.Equal("IPIP (4)", encap.Headers[1]["protocol"]);
        Assert.Equal(1480, r.PathMtu);
        Assert.StartsWith(CalicoNaming.HostSideMac, r.Hops[0].Headers[0]["dst"]);
        Assert.Equal($"10.244.2.70 dev {CalicoNaming.VethName("prod", "pod-b")} scope link", r.Hops[7].Route);
    }

    [Fact]
    public void Walk_CalicoVxlan_UsesPort4789AndVni4096()
    {
        var g = TopologyBuilder.Build(TopologyFixtures.Snapshot(TopologyFixtures.CalicoObjects("Never", "Always")));

        var encap = Walk(g, "dev/pod-a", "prod/pod-b").Hops.Single(h => h.Action == "encapsulate");

        Assert.Equal("4789", encap.Headers[2]["dst port"]);
        Assert.Equal("4096", encap.Headers[3]["VNI"]);
    }

    [Fact]
    public void Walk_HostGw_RoutesViaPeerNodeIp()
    {
        var r = Walk(TopologyFixtures.Demo(backend: "host-gw", directRouting: false), "dev/pod-a", "prod/pod-b");

        Assert.Equal("host-gw", r.Mode);
        Assert.Equal(1500, r.PathMtu);
        Assert.Equal("10.244.2.0/24 via 172.16.100.103 dev eth0", r.Hops.First(h => h.Action == "route").Route);
    }

    [Fact]
    public void Walk_Udp_GoesThroughFlanneldOnPort8285()
    {
        var r = Walk(TopologyFixtures.Demo(backend: "udp", directRouting: false), "dev/pod-a", "prod/pod-b");

        var encap = r.Hops.Single(h => h.Action == "encapsulate");
        Assert.Equal(["Ethernet", "IPv4", "UDP", "IPv4", "TCP"], encap.Headers.Select(h => h.Name));
        Assert.Equal("8285", encap.Headers[2]["dst port"]);
        Assert.Equal(1472, r.PathMtu);
        Assert.Equal("10.244.0.0/16 dev flannel0 proto kernel scope link src 10.244.1.0", r.Hops.First(h => h.Action == "route").Route);
    }

    [Fact]
    public void Walk_WithPolicyJudge_AsksForPodsAfterDnatAndReportsVerdict()
    {
        var judge = new RecordingJudge(new PacketPolicyVerdict(ReachVerdict.Denied, "deny-all-ingress selects prod/pod-b"));

        var r = Walk(TopologyFixtures.Demo(), "dev/pod-a", "svc/prod/db", judge: judge);

        Assert.Equal(("dev/pod-a", "prod/pod-b", 8080, "TCP"), judge.Asked);
        Assert.Equal(ReachVerdict.Denied, r.Policy!.Verdict);
        Assert.False(r.Policy.Enforced);
        Assert.Equal("not enforced by this CNI (flannel)", r.Policy.Qualifier);
        Assert.Contains("policy verdict denied, not enforced by this CNI (flannel): the packet gets through", r.Notes);
    }

    [Fact]
    public void Walk_WithoutJudge_SaysPolicyWasNotEvaluated()
    {
        var r = Walk(TopologyFixtures.Demo(), "dev/pod-a", "prod/pod-b");

        Assert.Null(r.Policy);
        Assert.Contains(r.Notes, n => n.Contains("not evaluated", StringComparison.Ordinal));
    }

    private sealed class RecordingJudge(PacketPolicyVerdict verdict) : IPacketPolicyJudge
    {
        public (string, string, int, string) Asked { get; private set; }

        public PacketPolicyVerdict Judge(ClusterSnapshot snapshot, PodInfo source, PodInfo destination, int port, string protocol)
        {
            Asked = ($"{source.Namespace}/{source.Name}", $"{destination.Namespace}/{destination.Name}", port, protocol);
            return verdict;
        }
    }
}

public class PolicyEngineJudgeTests
{
    [Fact]
    public void Walk_WithPolicyEngine_DeniedByDenyAllIngressButNotEnforcedOnFlannel()
    {
        var objects = TopologyFixtures.DemoObjects();
        objects.Add(new ClusterNet.Core.Model.NetworkPolicyInfo { Namespace = "prod", Name = "deny-all-ingress", PolicyTypes = ["Ingress"] });
        var g = TopologyBuilder.Build(TopologyFixtures.Snapshot(objects));

        var r = PacketWalker.Walk(g, new PacketWalkQuery { From = "dev/pod-a", To = "svc/prod/db", Port = 80 }, new PolicyEngineJudge());

        Assert.Equal(ReachVerdict.Denied, r.Policy!.Verdict);
        Assert.Contains("deny-all-ingress", r.Policy.Explanation);
        Assert.False(r.Policy.Enforced);
    }

    [Fact]
    public void Walk_WithPolicyEngineOnCalico_AllowedWithoutPoliciesAndEnforced()
    {
        var objects = TopologyFixtures.CalicoObjects();
        objects.RemoveAll(o => o is ClusterNet.Core.Model.NetworkPolicyInfo);
        var g = TopologyBuilder.Build(TopologyFixtures.Snapshot(objects));

        var r = PacketWalker.Walk(g, new PacketWalkQuery { From = "dev/pod-a", To = "prod/pod-b", Port = 8080 }, new PolicyEngineJudge());

        Assert.Equal(ReachVerdict.Allowed, r.Policy!.Verdict);
        Assert.Null(r.Policy.Qualifier);
        Assert.True(r.Policy.Enforced);
    }
}
