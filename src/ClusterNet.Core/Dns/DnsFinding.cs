using System.Collections.Immutable;

namespace ClusterNet.Core.Dns;

/// <summary>
/// One DNS problem with its evidence and fix. Scope is pod, workload or cluster; Subject names what it is about
/// ("Deployment shop/php", "cluster"); Impact orders findings (severity, then pods affected × cost).
/// </summary>
public sealed record DnsFinding
{
    public required string Code { get; init; }
    public required DnsSeverity Severity { get; init; }
    public required string Scope { get; init; }
    public required string Subject { get; init; }
    public string? Namespace { get; init; }
    public ImmutableArray<string> Pods { get; init; } = [];
    /// <summary>The verdict in one sentence.</summary>
    public required string Title { get; init; }
    public ImmutableArray<string> Evidence { get; init; } = [];
    public required string Fix { get; init; }
    public DnsPatch? Patch { get; init; }
    public double Impact { get; init; }

    /// <summary>Stable id for deep links: code and subject.</summary>
    public string Id => $"{Code}:{Subject}";
}
