using System.Collections.Immutable;

namespace ClusterNet.Core.Dns;

/// <summary>getaddrinfo's result: Ok with addresses, or an EAI_* error name.</summary>
public sealed record LookupOutcome(bool Ok, string? Error, ImmutableArray<string> Addresses)
{
    public static LookupOutcome Success(IEnumerable<string> addresses) => new(true, null, [.. addresses]);

    public static LookupOutcome Failure(string error) => new(false, error, []);
}
