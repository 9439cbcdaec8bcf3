using ClusterNet.Core.Queries;

namespace ClusterNet.Core.Topology;

/// <summary>
/// A packet to walk: <see cref="From"/> is "ns/pod"; <see cref="To"/> is "ns/pod" or "svc/ns/name" (a Service's ClusterIP).
/// <see cref="Endpoint"/> picks the Service endpoint ("ns/pod" or its IP); otherwise the first ready one in name order.
/// Parsed by <see cref="PacketWalkQueryParser"/> from the page URL and <c>GET /api/packet-walk</c> alike.
/// </summary>
public sealed record PacketWalkQuery
{
    public required string From { get; init; }
    public required string To { get; init; }
    public int Port { get; init; } = QueryDefaults.Port;
    /// <summary>TCP, UDP or SCTP (upper case).</summary>
    public string Protocol { get; init; } = QueryDefaults.Protocol;
    public string? Endpoint { get; init; }
}
