using System.Collections.Immutable;

namespace ClusterNet.Core.Policy;

/// <summary>What-if outcome: engines and matrices before and after, and the flipped cells (from, to, probe order).</summary>
public sealed record WhatIfResult
{
    public required PolicyEngine Before { get; init; }
    public required PolicyEngine After { get; init; }
    public required ReachMatrix BeforeMatrix { get; init; }
    public required ReachMatrix AfterMatrix { get; init; }
    public required ImmutableArray<FlippedCell> Flipped { get; init; }
    /// <summary>Edits that could not apply (deleting a policy that does not exist), as messages.</summary>
    public ImmutableArray<string> Problems { get; init; } = [];
    /// <summary>When edits applied but no cell flipped on any probe: why, naming what still decides. Null otherwise.</summary>
    public string? NothingFlippedBecause { get; init; }
}
