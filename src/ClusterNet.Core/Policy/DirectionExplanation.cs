using System.Collections.Immutable;
using ClusterNet.Core.Model;
using ClusterNet.Core.Policy.Chain;

namespace ClusterNet.Core.Policy;

/// <summary>One side of a connection: the source's egress or the destination's ingress.</summary>
public sealed record DirectionExplanation
{
    /// <summary>"Egress" (judged at the source) or "Ingress" (judged at the destination).</summary>
    public required string Direction { get; init; }
    /// <summary>The pod this side is judged at; null when that end is an external IP (policy does not apply there).</summary>
    public ObjectKey? Pod { get; init; }
    /// <summary>False for external IPs and hostNetwork pods: NetworkPolicy does not isolate them.</summary>
    public bool Applies { get; init; }
    public bool Isolated { get; init; }
    public required bool Allows { get; init; }
    /// <summary>Policies in the pod's namespace that select it and list this direction in policyTypes.</summary>
    public ImmutableArray<ObjectKey> SelectingPolicies { get; init; } = [];
    /// <summary>The first rule that admits the connection, when one does.</summary>
    public RuleEvaluation? Admitting { get; init; }
    /// <summary>Every rule of every selecting policy, in policy then rule order.</summary>
    public ImmutableArray<RuleEvaluation> Rules { get; init; } = [];
    public required string Summary { get; init; }
    /// <summary>
    /// The tiers that judged this direction, in order, ending with the deciding one (Admin tier → NetworkPolicy →
    /// Baseline tier → default). Empty when only NetworkPolicy applies (the fields above then say it all).
    /// </summary>
    public ImmutableArray<ChainStep> Chain { get; init; } = [];
}
