using System.Collections.Immutable;

namespace ClusterNet.Core.Dns;

/// <summary>
/// What a server does for one name: either one action for every query type (<see cref="All"/>), or a rule per type
/// where a list is the answer, a string is an action, a missing type means NODATA, and CNAME answers every type
/// that has no rule of its own. DelayMs, Truncate and DropIfInflight apply to every query for the name.
/// </summary>
public sealed record DnsRule
{
    public DnsReplyKind? All { get; init; }
    public ImmutableDictionary<string, DnsTypeRule> ByType { get; init; } = ImmutableDictionary<string, DnsTypeRule>.Empty;
    public string? CnameTarget { get; init; }

    /// <summary>Milliseconds before the reply arrives; null = the server's delay_ms.</summary>
    public int? DelayMs { get; init; }

    /// <summary>"tc": over UDP the reply carries the TC bit and no records; over TCP the rule answers in full.</summary>
    public bool Truncate { get; init; }

    /// <summary>
    /// "drop_if_inflight": a query for the name that leaves a socket while another query from that socket is still in
    /// flight (sent, not lost, reply not back yet) is lost: the conntrack insert race of two UDP packets with one tuple.
    /// </summary>
    public bool DropIfInflight { get; init; }

    public static DnsRule Action(DnsReplyKind kind) => new() { All = kind };

    /// <summary>A and/or AAAA records; a missing family answers NODATA.</summary>
    public static DnsRule Addresses(IEnumerable<string>? a, IEnumerable<string>? aaaa = null)
    {
        var byType = ImmutableDictionary.CreateBuilder<string, DnsTypeRule>(StringComparer.Ordinal);
        if (a is not null)
        {
            byType["A"] = new DnsTypeRule([.. a]);
        }

        if (aaaa is not null)
        {
            byType["AAAA"] = new DnsTypeRule([.. aaaa]);
        }

        return new DnsRule { ByType = byType.ToImmutable() };
    }
}
