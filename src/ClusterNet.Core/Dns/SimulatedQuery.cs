namespace ClusterNet.Core.Dns;

/// <summary>
/// One packet the library sends, in order. Qname is lower-case without the trailing dot; Transport is udp or tcp;
/// AtSeconds is when it leaves, counting every unanswered query as a full timeout.
/// </summary>
public sealed record SimulatedQuery(string Qname, string Qtype, string Server, string Transport, DnsReply Reply, double AtSeconds)
{
    /// <summary>Why this packet is sent when it is not a first try (retransmission, fallback mode, TCP retry).</summary>
    public string? Why { get; init; }
}
