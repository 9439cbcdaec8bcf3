using System.Collections.Immutable;
using ClusterNet.Core.Dns;

namespace ClusterNet.Web.Dns;

/// <summary>The prediction made from the live server's real answers, query by query with latencies.</summary>
public sealed record LiveLookupResult
{
    public required ExpansionResult Prediction { get; init; }
    public ImmutableArray<LiveQuery> Queries { get; init; } = [];
    public required string Server { get; init; }
    public double TotalLatencyMs { get; init; }
    /// <summary>One sentence: what the library would return with these real answers.</summary>
    public required string Verdict { get; init; }
}
