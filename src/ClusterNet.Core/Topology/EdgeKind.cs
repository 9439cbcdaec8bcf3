namespace ClusterNet.Core.Topology;

/// <summary>Kinds of graph edges, as they appear in JSON (<c>kind</c>).</summary>
public static class EdgeKind
{
    /// <summary>Pod eth0 ↔ host end of its veth pair.</summary>
    public const string VethPair = "veth-pair";
    /// <summary>veth enslaved to a bridge.</summary>
    public const string BridgePort = "bridge-port";
    /// <summary>A host route between two devices of one node (cni0 → flannel.1, cali… → tunl0).</summary>
    public const string LocalRoute = "local-route";
    /// <summary>A tunnel device sending its encapsulated packets out of the NIC.</summary>
    public const string Encapsulation = "encap";
    /// <summary>Tunnel between two nodes' tunnel devices (VXLAN, IPIP, UDP).</summary>
    public const string TunnelLink = "tunnel";
    /// <summary>A route straight to the peer's NIC without encapsulation (host-gw, DirectRouting, Calico BGP without overlay).</summary>
    public const string DirectRoute = "direct-route";
    /// <summary>A BGP session (Calico node-to-node mesh or to a route reflector).</summary>
    public const string Bgp = "bgp";
    /// <summary>NIC plugged into an L2 segment.</summary>
    public const string Underlay = "underlay";
    /// <summary>A hostNetwork pod on the node's NIC.</summary>
    public const string HostNetwork = "host-network";
    /// <summary>Service VIP → endpoint pod.</summary>
    public const string Endpoint = "endpoint";
    /// <summary>Pod ↔ its secondary interface (net1).</summary>
    public const string SecondaryAttachment = "secondary";
    /// <summary>Secondary interface → the parent NIC (macvlan/ipvlan) or VF (SR-IOV) it uses.</summary>
    public const string SecondaryParent = "secondary-parent";
    /// <summary>Gateway → a backend Service one of its accepted routes sends to (label: listener and route).</summary>
    public const string GatewayRoute = "gateway-route";
    /// <summary>Gateway → the Service in front of its proxy pods (how clients reach it).</summary>
    public const string GatewayDataPlane = "gateway-data-plane";
}
