using System.Collections.Immutable;

namespace ClusterNet.Core.Dns;

/// <summary>
/// What a server does for one name: either one action for every query type (<see cref="All"/>), or a rule per type
/// where a list is the answer, a string is an action, a missing type means NODATA, and CNAME answers every type
/// that has no rule of its own.
/// </summary>
public sealed record DnsRule
{
    public DnsReplyKind? All { get; init; }
    public ImmutableDictionary<string, DnsTypeRule> ByType { get; init; } = ImmutableDictionary<string, DnsTypeRule>.Empty;
    public string? CnameTarget { get; init; }

    public static DnsRule Action(DnsReplyKind kind) => new() { All = kind };
}
