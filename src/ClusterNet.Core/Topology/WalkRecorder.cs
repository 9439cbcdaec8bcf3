using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Topology;

/// <summary>Records the hops of one walk (the stateful half of <see cref="PacketWalker"/>).</summary>
internal sealed class WalkRecorder(
    TopologyGraph graph, PodInfo source, PodInfo destination, ServiceInfo? service, int port, int targetPort, string protocol, List<string> notes)
{
    public List<PacketHop> Hops { get; } = [];
    public string Mode { get; private set; } = "same-node";
    public int PathMtu { get; private set; }
    public int Overhead { get; private set; }
    public string MtuExplanation { get; private set; } = "";

    private string Cni => graph.Cni.Name;
    private TopologyOptions O => graph.Options;

    public void Run()
    {
        var ns = graph.Nodes[source.NodeName!];
        var nd = graph.Nodes[destination.NodeName!];
        var srcIp = source.HostNetwork ? ns.NodeIp ?? "?" : source.PodIp!;
        var finalIp = destination.HostNetwork ? nd.NodeIp ?? "?" : destination.PodIp!;
        var firstIp = service?.ClusterIp ?? finalIp;
        var firstPort = service is null ? targetPort : port;
        var bridge = DataPlane.BridgeName(Cni);
        var routed = Cni is CniName.Calico or CniName.Canal or CniName.Cilium;
        var sameNode = ns.Name == nd.Name;
        var srcMtu = source.HostNetwork ? O.NicMtu : graph.PodMtu;
        PathMtu = srcMtu;
        MtuExplanation = source.HostNetwork
            ? $"the source uses the node's NIC: MTU {O.NicMtu}"
            : $"pod eth0 MTU {graph.PodMtu} (NIC {O.NicMtu} − {O.NicMtu - graph.PodMtu} bytes the {(graph.Flannel?.BackendType ?? Cni)} overlay may add)";

        // 1. Leaving the source.
        if (source.HostNetwork)
        {
            Add("send", ns.Name, PodId(source), "host network", $"{Name(source)} shares the node's network namespace: the packet starts in the host stack with the node IP as source",
                [Ip(srcIp, firstIp), L4(firstPort)], O.NicMtu);
        }
        else
        {
            var directL2 = bridge is not null && sameNode && service is null;
            var (gwMac, gwText) = routed
                ? ($"{CalicoNaming.HostSideMac} (host end answers ARP for 169.254.1.1)", "default via 169.254.1.1 dev eth0 (calico: every packet is routed by the host)")
                : ($"{bridge ?? "gateway"} MAC on {ns.Name}", ns.PodCidr is { } pc ? $"default via {Ipv4Cidr.FormatAddress(pc.Network + 1)} dev eth0 ({bridge} is the pod's gateway)" : "default route to the bridge");
            var dstMac = directL2 ? $"eth0 MAC of {Name(destination)} (same subnet: ARP for it directly)" : gwMac;
            Add("send", ns.Name, PodId(source), "eth0", directL2 ? $"{Name(source)} sends to {firstIp}, on its own /{ns.PodCidr?.PrefixLength} subnet: straight over L2" : $"{Name(source)} sends to {firstIp}: {gwText}",
                [Eth($"eth0 MAC of {Name(source)}", dstMac), Ip(srcIp, firstIp), L4(firstPort)], graph.PodMtu);
            Add("veth", ns.Name, ElementIds.Veth(source.Namespace, source.Name), DataPlane.VethName(Cni, source), "the frame comes out of the host end of the pod's veth pair", Current, graph.PodMtu);
            if (directL2)
            {
                Add("bridge", ns.Name, BridgeId(ns), bridge!, $"{bridge} forwards the frame by MAC to the destination's veth: no routing, no NAT", Current, graph.PodMtu);
                ArriveAt(nd, bridge, routed, finalIp, viaBridge: false);
                return;
            }

            if (bridge is not null)
            {
                Add("bridge", ns.Name, BridgeId(ns), bridge, $"the frame is addressed to {bridge}'s own MAC: handed up to the host's IP stack for routing", Current, graph.PodMtu);
            }
        }

        // 2. DNAT for a Service.
        if (service is not null)
        {
            var ipvs = graph.KubeProxyMode == "ipvs";
            var detail = ipvs
                ? $"IPVS: {service.ClusterIp}:{port} is bound to kube-ipvs0, the virtual server DNATs to {finalIp}:{targetPort} ({Name(destination)})"
                : $"iptables ({graph.KubeProxyMode}): KUBE-SERVICES → KUBE-SVC-… → KUBE-SEP-… DNAT {service.ClusterIp}:{port} → {finalIp}:{targetPort} ({Name(destination)})";
            Add("dnat", ns.Name, ipvs ? ElementIds.Device(ns.Name, ElementIds.IpvsRole) : ElementIds.Service(service.Namespace, service.Name),
                ipvs ? "kube-ipvs0" : "iptables nat", detail, Replace(Current, "IPv4", Ip(srcIp, finalIp), L4(targetPort)), null);
            notes.Add("conntrack remembers the DNAT: replies are un-NATed back to the ClusterIP on the way home");
        }

        // 3. Routing on the source node.
        if (!Ipv4Cidr.TryParseAddress(finalIp, out var finalValue))
        {
            notes.Add($"destination address {finalIp} is unknown: route lookup skipped");
        }

        var table = RoutePredictor.Predict(graph, ns.Name)!;
        var route = table.Lookup(finalValue);
        if (sameNode)
        {
            Add("route", ns.Name, null, "route lookup", $"destination {finalIp} is on this node", WithoutEth(Current), null, route?.ToString());
            ArriveAt(nd, bridge, routed, finalIp, viaBridge: bridge is not null);
            return;
        }

        var path = PathPlanner.Between(graph, ns, nd, finalValue);
        Mode = path.Mode;
        Add("route", ns.Name, null, "route lookup", $"{finalIp} is on {nd.Name}: {Describe(path)}" + (path.Note is null ? "" : $" ({path.Note})"), WithoutEth(Current), null, route?.ToString());

        var inner = WithoutEth(Current);
        var nsIp = ns.PublicIp ?? ns.NodeIp ?? "?";
        var ndIp = nd.PublicIp ?? nd.NodeIp ?? "?";
        var nicDstMac = ns.SharesSegmentWith(nd) ? $"{O.NicRouteName} MAC of {nd.Name}" : "MAC of the next-hop router (peer on another segment)";
        var outerEth = Eth($"{O.NicRouteName} MAC of {ns.Name}", nicDstMac, outer: path.Encapsulated);
        ImmutableArray<HeaderLayer> onWire;
        ImmutableArray<HeaderLayer> afterDecap;
        switch (path.Encapsulation)
        {
            case "vxlan":
            {
                var (srcVtep, dstVtep) = path.Mode == "calico-vxlan"
                    ? (ns.CalicoVxlanMac ?? $"vxlan.calico MAC of {ns.Name}", nd.CalicoVxlanMac ?? $"vxlan.calico MAC of {nd.Name}")
                    : (ns.Flannel?.VtepMac ?? $"VtepMAC of {ns.Name} (unknown)", nd.Flannel?.VtepMac ?? $"VtepMAC of {nd.Name} (unknown)");
                var innerEth = Eth(srcVtep, dstVtep);
                var vxlanDevice = path.Mode == "cilium-vxlan" ? "cilium_vxlan" : path.Device;
                afterDecap = [innerEth, .. inner];
                onWire = [outerEth, Ip(nsIp, ndIp, "UDP (17)", outer: true), OuterUdp(path.UdpPort ?? 8472), Vxlan(path.Vni ?? 1), .. afterDecap];
                Add("encapsulate", ns.Name, TunnelId(ns, path), vxlanDevice,
                    $"{vxlanDevice} wraps the frame: inner Ethernet between VTEP MACs (ARP/FDB entries for {nd.Name}), VXLAN VNI {path.Vni}, UDP {path.UdpPort}, outer IP {nsIp} → {ndIp}",
                    onWire, graph.PodMtu, path.Overhead);
                break;
            }
            case "ipip":
                afterDecap = inner;
                onWire = [outerEth, Ip(nsIp, ndIp, "IPIP (4)", outer: true), .. inner];
                Add("encapsulate", ns.Name, TunnelId(ns, path), path.Device, $"{path.Device} wraps the IP packet in another IP header {nsIp} → {ndIp} (protocol 4)", onWire, O.NicMtu - 20, path.Overhead);
                break;
            case "udp":
                afterDecap = inner;
                onWire = [outerEth, Ip(nsIp, ndIp, "UDP (17)", outer: true), OuterUdp(path.UdpPort ?? 8285), .. inner];
                Add("encapsulate", ns.Name, TunnelId(ns, path), "flannel0 → flanneld",
                    $"the TUN device hands the packet to flanneld in user space, which sends it in UDP {path.UdpPort} to {ndIp} (a copy in and out of user space per packet: slow)",
                    onWire, graph.PodMtu, path.Overhead);
                break;
            default:
                afterDecap = inner;
                onWire = [outerEth, .. inner];
                break;
        }

        Overhead = path.Overhead;
        if (path.Encapsulated)
        {
            var fits = O.NicMtu - path.Overhead;
            if (fits < PathMtu)
            {
                PathMtu = fits;
            }

            MtuExplanation += $"; on the wire {O.NicMtu} − {path.Overhead} ({EncapBreakdown(path)}) = {fits} left for the inner packet";
        }
        else
        {
            MtuExplanation += $"; no encapsulation between {ns.Name} and {nd.Name}: the packet crosses as is";
        }

        Add("transmit", ns.Name, ElementIds.Nic(ns.Name), O.NicDisplayName, $"out of {ns.Name}'s NIC to {(path.Encapsulated ? ndIp : $"next hop {path.Via}")}", onWire, O.NicMtu);
        Add("receive", nd.Name, ElementIds.Nic(nd.Name), O.NicDisplayName,
            path.Encapsulation switch
            {
                "vxlan" => $"{nd.Name}'s kernel sees UDP {path.UdpPort} and hands it to the VXLAN device",
                "ipip" => $"{nd.Name}'s kernel sees IP protocol 4 and hands it to {path.Device}",
                "udp" => $"flanneld on {nd.Name} receives UDP {path.UdpPort}",
                _ => $"{nd.Name} receives a packet for pod IP {finalIp} and routes it",
            },
            onWire, O.NicMtu);
        if (path.Encapsulated)
        {
            var peerTunnel = TunnelId(nd, path with { DeviceId = path.DeviceId.Replace($"dev/{ns.Name}/", $"dev/{nd.Name}/", StringComparison.Ordinal) });
            Add("decapsulate", nd.Name, peerTunnel, path.Mode == "udp" ? "flanneld → flannel0" : path.Mode == "cilium-vxlan" ? "cilium_vxlan" : path.Device,
                "outer headers removed: the original packet continues", afterDecap, null, -path.Overhead);
        }

        var peerRoute = RoutePredictor.Predict(graph, nd.Name)!.Lookup(finalValue);
        Add("route", nd.Name, null, "route lookup", $"{finalIp} is local to {nd.Name}", WithoutEth(Current), null, peerRoute?.ToString());
        ArriveAt(nd, bridge, routed, finalIp, viaBridge: bridge is not null);
    }

    private void ArriveAt(NodeNetwork nd, string? bridge, bool routed, string finalIp, bool viaBridge)
    {
        if (destination.HostNetwork)
        {
            Add("deliver", nd.Name, PodId(destination), "host network", $"{Name(destination)} listens in the host network namespace on {finalIp}:{targetPort}", WithoutEth(Current), O.NicMtu);
            return;
        }

        var inner = WithoutEth(Current);
        if (viaBridge && bridge is not null)
        {
            var srcMac = $"{bridge} MAC on {nd.Name}";
            Add("bridge", nd.Name, BridgeId(nd), bridge, $"{bridge} forwards to the destination's veth (ARP for {finalIp} on the bridge)", [Eth(srcMac, $"eth0 MAC of {Name(destination)}"), .. inner], graph.PodMtu);
        }
        else if (routed)
        {
            var cali = DataPlane.VethName(Cni, destination);
            Add("veth", nd.Name, ElementIds.Veth(destination.Namespace, destination.Name), cali,
                $"route {finalIp} dev {cali} scope link: into the pod's veth", [Eth(CalicoNaming.HostSideMac, $"eth0 MAC of {Name(destination)}"), .. inner], graph.PodMtu);
        }

        if (!routed)
        {
            Add("veth", nd.Name, ElementIds.Veth(destination.Namespace, destination.Name), DataPlane.VethName(Cni, destination), "through the veth pair into the pod's network namespace", Current, graph.PodMtu);
        }

        Add("deliver", nd.Name, PodId(destination), "eth0", $"{Name(destination)} receives it on eth0, {finalIp}:{targetPort}/{protocol}", Current, graph.PodMtu);
    }

    private ImmutableArray<HeaderLayer> Current => Hops.Count == 0 ? [] : Hops[^1].Headers;

    private void Add(string action, string node, string? elementId, string iface, string detail, ImmutableArray<HeaderLayer> headers, int? mtu, string? route = null) =>
        Add(action, node, elementId, iface, detail, headers, mtu, null, route);

    private void Add(string action, string node, string? elementId, string iface, string detail, ImmutableArray<HeaderLayer> headers, int? mtu, int? overhead, string? route = null) =>
        Hops.Add(new PacketHop
        {
            Index = Hops.Count + 1, Node = node, ElementId = elementId, Interface = iface, Action = action, Detail = detail,
            Headers = headers, Mtu = mtu, Overhead = overhead, Route = route,
        });

    private static string Name(PodInfo p) => $"{p.Namespace}/{p.Name}";

    private static string PodId(PodInfo p) => ElementIds.Pod(p.Namespace, p.Name);

    private static string BridgeId(NodeNetwork n) => ElementIds.Device(n.Name, ElementIds.BridgeRole);

    private string TunnelId(NodeNetwork n, PeerPath path) =>
        path.Mode == "cilium-vxlan" ? ElementIds.Device(n.Name, ElementIds.TunnelRole) : path.DeviceId;

    private static string Describe(PeerPath p) => p.Mode switch
    {
        "vxlan" => $"VXLAN via {p.Device}",
        "direct-routing" => $"DirectRouting: straight to {p.Via} on {p.Device}",
        "host-gw" => $"host-gw: straight to {p.Via} on {p.Device}",
        "udp" => "into the flannel0 TUN device",
        "calico-ipip" => $"IP-in-IP via {p.Device} to {p.Via}",
        "calico-vxlan" => $"VXLAN via {p.Device} to {p.Via}",
        "calico-bgp" => $"BGP-learned route to {p.Via} on {p.Device}",
        _ => $"{p.Mode} via {p.Device}",
    };

    private static string EncapBreakdown(PeerPath p) => p.Encapsulation switch
    {
        "vxlan" => "14 inner Ethernet + 8 VXLAN + 8 UDP + 20 outer IPv4",
        "ipip" => "20 outer IPv4",
        "udp" => "8 UDP + 20 outer IPv4",
        _ => "",
    };

    private static HeaderLayer Eth(string src, string dst, bool outer = false) =>
        new("Ethernet", 14, [new("src", src), new("dst", dst), new("type", "IPv4 (0x0800)")], outer);

    private static HeaderLayer Ip(string src, string dst, string? proto = null, bool outer = false) =>
        new("IPv4", 20, [new("src", src), new("dst", dst), new("protocol", proto ?? "")], outer);

    private HeaderLayer Ip(string src, string dst) => Ip(src, dst, protocol switch { "UDP" => "UDP (17)", "SCTP" => "SCTP (132)", _ => "TCP (6)" });

    private HeaderLayer L4(int dport) =>
        new(protocol, protocol switch { "UDP" => 8, "SCTP" => 12, _ => 20 }, [new("src port", "ephemeral"), new("dst port", dport.ToString(System.Globalization.CultureInfo.InvariantCulture))]);

    private static HeaderLayer OuterUdp(int port) =>
        new("UDP", 8, [new("src port", "hash of the inner flow"), new("dst port", port.ToString(System.Globalization.CultureInfo.InvariantCulture))], true);

    private static HeaderLayer Vxlan(int vni) =>
        new("VXLAN", 8, [new("VNI", vni.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("flags", "I (VNI valid)")], true);

    private static ImmutableArray<HeaderLayer> WithoutEth(ImmutableArray<HeaderLayer> headers) =>
        [.. headers.SkipWhile(h => h.Name == "Ethernet" || h.Outer).Where(h => !h.Outer)];

    private static ImmutableArray<HeaderLayer> Replace(ImmutableArray<HeaderLayer> headers, string name, HeaderLayer ip, HeaderLayer l4)
    {
        var list = headers.ToList();
        var i = list.FindIndex(h => h.Name == name);
        if (i < 0)
        {
            return [ip, l4];
        }

        list[i] = ip;
        if (i + 1 < list.Count)
        {
            list[i + 1] = l4;
        }

        return [.. list];
    }
}
