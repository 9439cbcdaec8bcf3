namespace ClusterNet.Core.Dns.Timeline;

/// <summary>What happened at one instant of a simulated lookup.</summary>
public enum DnsTimelineEventKind
{
    /// <summary>A query left the client (UDP datagram or TCP message).</summary>
    Sent,
    /// <summary>A query never got out or never got an answer: the conntrack race, or a server that does not answer.</summary>
    Lost,
    /// <summary>A reply arrived and the library used it.</summary>
    Reply,
    /// <summary>A reply arrived and the library did not use it (already answered, an rcode it skips, too late).</summary>
    Ignored,
    /// <summary>A timer fired: a retransmission, or the library gave up waiting.</summary>
    Timeout,
    /// <summary>getaddrinfo returned.</summary>
    Result,
}
