namespace ClusterNet.Core.Topology;

/// <summary>
/// How a node reaches one peer's pods: the route it installs (device, via, onlink) and what the packet goes through
/// (encapsulation, overhead, UDP port, VNI). One decision shared by the route table, the graph edges and the packet walk.
/// </summary>
public sealed record PeerPath
{
    /// <summary>vxlan, direct-routing, host-gw, udp, calico-bgp, calico-ipip, calico-vxlan, kube-router, kube-router-ipip, cilium-vxlan, unknown.</summary>
    public required string Mode { get; init; }
    /// <summary>Outgoing device name as on the node (flannel.1, eth0, tunl0...).</summary>
    public required string Device { get; init; }
    /// <summary>Element id of that device in the graph.</summary>
    public required string DeviceId { get; init; }
    public string? Via { get; init; }
    public bool Onlink { get; init; }
    /// <summary>none, vxlan, udp, ipip.</summary>
    public string Encapsulation { get; init; } = "none";
    public int Overhead { get; init; }
    public int? UdpPort { get; init; }
    public int? Vni { get; init; }
    public string? Proto { get; init; }
    public string? Note { get; init; }

    public bool Encapsulated => Encapsulation != "none";
}
