using System.Collections.Immutable;

namespace ClusterNet.Core.Policy;

/// <summary>
/// An ingress or egress rule with its peers pre-evaluated as pod sets: pods matched by selector peers, and pods
/// whose IP falls in an ipBlock peer (kept apart because that match is implementation-defined).
/// </summary>
internal sealed class CompiledRule
{
    public required int Id { get; init; }
    public required int Index { get; init; }
    public required bool Ingress { get; init; }
    /// <summary>Null when from/to is absent or empty: every peer matches.</summary>
    public ImmutableArray<CompiledPeer>? Peers { get; init; }
    /// <summary>Null when ports is absent or empty: every port matches.</summary>
    public ImmutableArray<CompiledPort>? Ports { get; init; }
    public required PodSet SelectorPods { get; init; }
    public required PodSet IpBlockPods { get; init; }
    /// <summary>SelectorPods ∪ IpBlockPods.</summary>
    public required PodSet AllPods { get; init; }
    public bool MatchesAllPeers => Peers is null;
    public bool MatchesAllPorts => Ports is null;
}
