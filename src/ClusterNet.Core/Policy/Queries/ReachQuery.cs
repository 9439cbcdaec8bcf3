using System.Collections.Immutable;

namespace ClusterNet.Core.Policy.Queries;

/// <summary>
/// "Can FROM reach TO on these ports?": the one question behind <c>GET /api/policy/reach</c> and <c>clusternet reach</c>,
/// parsed by <see cref="ReachQueryParser"/> and answered by <see cref="ReachAnswer"/>.
/// </summary>
public sealed record ReachQuery
{
    /// <summary>A pod or an IP; null: every pod.</summary>
    public ReachEndpoint? From { get; init; }

    /// <summary>A pod or an IP; null: every pod.</summary>
    public ReachEndpoint? To { get; init; }

    /// <summary>In the order given; empty: the destinations' container ports.</summary>
    public ImmutableArray<ReachProbe> Probes { get; init; } = [];

    /// <summary>What-if edits applied before answering (the CLI's --with/--without).</summary>
    public ImmutableArray<PolicyEdit> Edits { get; init; } = [];
}
