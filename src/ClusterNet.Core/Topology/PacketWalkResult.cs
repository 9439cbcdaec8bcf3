using System.Collections.Immutable;

namespace ClusterNet.Core.Topology;

/// <summary>
/// A walked packet: hops with header stacks, the graph path to highlight, MTU math and the policy verdict.
/// <see cref="Error"/> is set (and hops empty) when the walk cannot be done: unknown pod, Service without endpoints...
/// </summary>
public sealed record PacketWalkResult
{
    public required string From { get; init; }
    public required string To { get; init; }
    public int Port { get; init; }
    public string Protocol { get; init; } = "TCP";
    public string? Error { get; init; }
    public string? SourceIp { get; init; }
    /// <summary>The Service ClusterIP the packet was sent to, for pod → Service walks.</summary>
    public string? ServiceIp { get; init; }
    /// <summary>The endpoint pod ("ns/name") chosen after DNAT.</summary>
    public string? Endpoint { get; init; }
    public string? DestinationIp { get; init; }
    public int? DestinationPort { get; init; }
    public bool SameNode { get; init; }
    /// <summary>same-node, vxlan, direct-routing, host-gw, udp, calico-ipip, ... (see <see cref="PeerPath.Mode"/>).</summary>
    public string? Mode { get; init; }
    public ImmutableArray<PacketHop> Hops { get; init; } = [];
    public ImmutableArray<string> PathElementIds { get; init; } = [];
    public ImmutableArray<string> PathEdgeIds { get; init; } = [];
    /// <summary>Largest IP packet the pod can send unfragmented on this path.</summary>
    public int PathMtu { get; init; }
    public int Overhead { get; init; }
    /// <summary>Largest TCP payload (MSS) or UDP payload on this path.</summary>
    public int MaxPayload { get; init; }
    public string? MtuExplanation { get; init; }
    public PacketPolicyVerdict? Policy { get; init; }
    public ImmutableArray<string> Notes { get; init; } = [];
}
