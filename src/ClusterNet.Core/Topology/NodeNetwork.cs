using System.Collections.Immutable;

namespace ClusterNet.Core.Topology;

/// <summary>What the builder knows about one node's networking, after validation (invalid inputs are null + a warning).</summary>
public sealed record NodeNetwork
{
    public required string Name { get; init; }
    /// <summary>InternalIP (else ExternalIP).</summary>
    public string? NodeIp { get; init; }
    /// <summary>The address peers send to: flannel's public-ip(-overwrite), else the node IP.</summary>
    public string? PublicIp { get; init; }
    public Ipv4Cidr? PodCidr { get; init; }
    /// <summary>The node's L2 segment (configured, or inferred when <see cref="SegmentInferred"/>).</summary>
    public Ipv4Cidr? Segment { get; init; }
    public bool SegmentInferred { get; init; }
    public FlannelNodeAnnotations? Flannel { get; init; }
    public string? CalicoIpipAddress { get; init; }
    public string? CalicoVxlanAddress { get; init; }
    public string? CalicoVxlanMac { get; init; }
    /// <summary>Calico IPAM blocks in use on the node (from its pods' IPs and the pool block size), or its podCIDR.</summary>
    public ImmutableArray<Ipv4Cidr> CalicoBlocks { get; init; } = [];
    /// <summary>cilium_host's address (node annotation), when published.</summary>
    public string? CiliumHostIp { get; init; }
    public bool RouteReflector { get; init; }

    /// <summary>Two nodes share an L2 segment when both have one and it is the same.</summary>
    public bool SharesSegmentWith(NodeNetwork other) => Segment is { } a && other.Segment is { } b && a == b;
}
