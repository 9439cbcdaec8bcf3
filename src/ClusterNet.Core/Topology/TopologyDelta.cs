using System.Collections.Immutable;

namespace ClusterNet.Core.Topology;

/// <summary>
/// What changed between two graphs, keyed by stable ids. Added elements are ordered parents first, so a renderer can
/// apply them in order; removed edges should be applied before removed elements.
/// </summary>
public sealed record TopologyDelta
{
    public long FromVersion { get; init; }
    public long ToVersion { get; init; }
    public ImmutableArray<TopologyElement> Added { get; init; } = [];
    public ImmutableArray<string> Removed { get; init; } = [];
    public ImmutableArray<TopologyElement> Changed { get; init; } = [];
    public ImmutableArray<TopologyEdge> AddedEdges { get; init; } = [];
    public ImmutableArray<string> RemovedEdges { get; init; } = [];
    public ImmutableArray<TopologyEdge> ChangedEdges { get; init; } = [];

    public bool IsEmpty => Added.IsEmpty && Removed.IsEmpty && Changed.IsEmpty && AddedEdges.IsEmpty && RemovedEdges.IsEmpty && ChangedEdges.IsEmpty;

    public int Count => Added.Length + Removed.Length + Changed.Length + AddedEdges.Length + RemovedEdges.Length + ChangedEdges.Length;
}
