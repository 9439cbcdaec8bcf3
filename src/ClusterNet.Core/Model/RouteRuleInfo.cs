using System.Collections.Immutable;

namespace ClusterNet.Core.Model;

/// <summary>One route rule: its optional name, its matches in a short readable form ("PathPrefix /api", "method GET") and its backends.</summary>
public sealed record RouteRuleInfo
{
    public string? Name { get; init; }
    public ImmutableArray<string> Matches { get; init; } = [];
    public ImmutableArray<RouteBackendRefInfo> BackendRefs { get; init; } = [];
}
