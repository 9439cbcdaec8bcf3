using ClusterNet.Core.Queries;

namespace ClusterNet.Core.Topology;

/// <summary>
/// A packet to walk: <see cref="From"/> is "ns/pod" or "external" (a client outside the cluster); <see cref="To"/> is
/// "ns/pod" or "svc/ns/name" (a Service's ClusterIP), and with from "external" "gw/ns/name" (a Gateway: <see cref="Port"/>
/// picks its listener, the walk goes through the gateway pod to an endpoint of the first route rule's backend Service).
/// <see cref="Endpoint"/> picks the Service endpoint ("ns/pod" or its IP); otherwise the first ready one in name order.
/// Parsed by <see cref="PacketWalkQueryParser"/> from the page URL and <c>GET /api/packet-walk</c> alike.
/// </summary>
public sealed record PacketWalkQuery
{
    /// <summary>The <c>from</c> value of a client outside the cluster.</summary>
    public const string External = "external";

    /// <summary>The <c>to</c> prefix of a Gateway (as its topology element id).</summary>
    public const string GatewayPrefix = "gw/";

    public required string From { get; init; }
    public required string To { get; init; }
    public int Port { get; init; } = QueryDefaults.Port;
    /// <summary>TCP, UDP or SCTP (upper case).</summary>
    public string Protocol { get; init; } = QueryDefaults.Protocol;
    public string? Endpoint { get; init; }
}
