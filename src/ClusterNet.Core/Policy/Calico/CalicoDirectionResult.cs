using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy.Calico;

/// <summary>One side of a connection under Calico: the source's egress or the destination's ingress, with the walk.</summary>
public sealed record CalicoDirectionResult
{
    /// <summary>"Egress" or "Ingress".</summary>
    public required string Direction { get; init; }
    public ObjectKey? Pod { get; init; }
    public required bool Allows { get; init; }
    public required CalicoOutcome Outcome { get; init; }
    /// <summary>The deciding tier (null for ProfileAllow / NotApplicable).</summary>
    public string? Tier { get; init; }
    /// <summary>The deciding policy (null at the end of a tier or when nothing decided).</summary>
    public string? Policy { get; init; }
    public ObjectKey? PolicyKey { get; init; }
    public CalicoPolicySource? PolicySource { get; init; }
    public int? RuleIndex { get; init; }
    public CalicoRuleAction? Action { get; init; }
    /// <summary>Every policy that applies to the pod in this direction, in evaluation order, as "tier/policy".</summary>
    public ImmutableArray<string> Applying { get; init; } = [];
    public ImmutableArray<CalicoStep> Steps { get; init; } = [];
    /// <summary>What the answer assumes (ephemeral source ports, unmodelled fields, order ties, a hostNetwork end).</summary>
    public ImmutableArray<string> Caveats { get; init; } = [];
    /// <summary>One sentence: "tier default: knp.default.allow-80 (NetworkPolicy dev/allow-80) ingress[0] Allow".</summary>
    public required string Summary { get; init; }
}
