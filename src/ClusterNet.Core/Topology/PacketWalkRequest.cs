namespace ClusterNet.Core.Topology;

/// <summary>
/// A packet to walk: <see cref="From"/> is "ns/pod"; <see cref="To"/> is "ns/pod" or "svc/ns/name" (a Service's ClusterIP).
/// <see cref="Endpoint"/> picks the Service endpoint ("ns/pod" or its IP); otherwise the first ready one in name order.
/// </summary>
public sealed record PacketWalkRequest
{
    public required string From { get; init; }
    public required string To { get; init; }
    public int Port { get; init; } = 80;
    public string Protocol { get; init; } = "TCP";
    public string? Endpoint { get; init; }
}
