namespace ClusterNet.Core.Dns.Timeline;

/// <summary>
/// One instant of a simulated lookup. Lane is where it happened: "10.96.0.10 udp" / "10.96.0.10 tcp" for packets,
/// "resolver" for timers and the result. Socket names the client socket ("udp socket 2") where the library's socket
/// matters (musl's one socket per name, glibc's reopen).
/// </summary>
public sealed record DnsTimelineEvent(double AtSeconds, DnsTimelineEventKind Kind, string Lane, string Text)
{
    public const string ResolverLane = "resolver";

    public string? Qname { get; init; }
    public string? Qtype { get; init; }
    public string? Server { get; init; }
    public string? Transport { get; init; }
    public string? Socket { get; init; }
}
