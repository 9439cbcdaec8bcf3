using System.Collections.Immutable;

namespace ClusterNet.Core.Model;

/// <summary>metav1.LabelSelector. An empty selector ({}) selects everything.</summary>
public sealed record LabelSelector
{
    public static LabelSelector Everything { get; } = new();

    public ImmutableDictionary<string, string> MatchLabels { get; init; } = LabelMap.Empty;
    public ImmutableArray<LabelSelectorRequirement> MatchExpressions { get; init; } = [];

    public bool IsEmpty => MatchLabels.Count == 0 && MatchExpressions.IsDefaultOrEmpty;
}
