using System.Collections.Immutable;

namespace ClusterNet.Core.Findings;

/// <summary>
/// Findings with the same code, severity and cause, folded so a page shows one row per pattern instead of one per
/// workload: <see cref="Summary"/> counts the pods and workloads ("1,730 pods in 40 Deployments: …") and
/// <see cref="Members"/> keeps every original finding behind it (their ids stay the deep-link targets).
/// A group of one is the finding itself.
/// </summary>
public sealed record FindingGroup
{
    /// <summary>Stable per pattern ("group:" code, severity and cause), for row keys and the expanded state.</summary>
    public required string Key { get; init; }
    public required Finding Summary { get; init; }
    /// <summary>The folded findings in the natural order of their subjects.</summary>
    public required ImmutableArray<Finding> Members { get; init; }

    public bool IsGroup => Members.Length > 1;
}
