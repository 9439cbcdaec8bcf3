using System.Collections.Immutable;

namespace ClusterNet.Core.Dns;

/// <summary>
/// One server's reply to one query. Addresses are the A/AAAA records (after any CNAME chain the server followed);
/// CnameChain lists the CNAME targets in order. WireSize is the reply's size in bytes with name compression,
/// used to decide whether a UDP reply is truncated.
/// </summary>
public sealed record DnsReply(DnsReplyKind Kind, ImmutableArray<string> Addresses, ImmutableArray<string> CnameChain, int WireSize)
{
    /// <summary>Milliseconds between the query leaving and this reply arriving (the answers file's delay_ms).</summary>
    public int DelayMs { get; init; }

    /// <summary>The TC bit of a UDP reply sent without records (the answers file's "tc"): the client must ask over TCP.</summary>
    public bool Truncated { get; init; }

    public static DnsReply Of(DnsReplyKind kind) => new(kind, [], [], 0);

    /// <summary>NOERROR or NXDOMAIN: what a resolver accepts as the answer to a question.</summary>
    public bool IsAnswer => Kind is DnsReplyKind.Answer or DnsReplyKind.NoData or DnsReplyKind.NxDomain;

    public string Rcode => Kind switch
    {
        DnsReplyKind.Answer or DnsReplyKind.NoData => "NOERROR",
        DnsReplyKind.NxDomain => "NXDOMAIN",
        DnsReplyKind.ServFail => "SERVFAIL",
        DnsReplyKind.Refused => "REFUSED",
        DnsReplyKind.NotImp => "NOTIMP",
        DnsReplyKind.FormErr => "FORMERR",
        _ => "none",
    };

    /// <summary>Short label for tables and the web ladder: "10.96.0.20", "NXDOMAIN", "NODATA", "timeout"...</summary>
    public string Describe() => Truncated ? $"truncated (TC, {Rcode}, no records)" : Kind switch
    {
        DnsReplyKind.Answer => (CnameChain.IsDefaultOrEmpty ? "" : "CNAME " + string.Join(" → ", CnameChain) + " → ") + string.Join(", ", Addresses),
        DnsReplyKind.NoData => CnameChain.IsDefaultOrEmpty ? "NODATA" : "CNAME " + string.Join(" → ", CnameChain) + " (no address)",
        DnsReplyKind.NxDomain => "NXDOMAIN",
        DnsReplyKind.ServFail => "SERVFAIL",
        DnsReplyKind.Refused => "REFUSED",
        DnsReplyKind.NotImp => "NOTIMP",
        DnsReplyKind.FormErr => "FORMERR",
        _ => "no reply",
    };
}
