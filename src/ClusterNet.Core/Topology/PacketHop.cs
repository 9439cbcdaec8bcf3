using System.Collections.Immutable;

namespace ClusterNet.Core.Topology;

/// <summary>
/// One step of a packet walk: where (node, device, graph element), what happens (<see cref="Action"/>: send, veth, bridge,
/// route, dnat, encapsulate, transmit, receive, decapsulate, deliver) and the header stack after it.
/// </summary>
public sealed record PacketHop
{
    public required int Index { get; init; }
    public string? Node { get; init; }
    public string? ElementId { get; init; }
    public required string Interface { get; init; }
    public required string Action { get; init; }
    public required string Detail { get; init; }
    /// <summary>The route that matched, in ip route format, for route lookups.</summary>
    public string? Route { get; init; }
    public ImmutableArray<HeaderLayer> Headers { get; init; } = [];
    /// <summary>MTU of the device at this hop.</summary>
    public int? Mtu { get; init; }
    /// <summary>Bytes of encapsulation added (positive) or removed (negative) here.</summary>
    public int? Overhead { get; init; }
}
