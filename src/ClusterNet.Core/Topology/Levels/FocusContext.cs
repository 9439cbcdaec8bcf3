using System.Collections.Immutable;

namespace ClusterNet.Core.Topology.Levels;

/// <summary>
/// What the page already knows about the focused pod beyond the graph: its policy peers (element ids from the
/// reachability overlay the page computed) and the path of the last packet walk (element ids). The level never computes
/// policy itself.
/// </summary>
public sealed record FocusContext(ImmutableArray<string> PolicyPeers, ImmutableArray<string> WalkPath)
{
    public static FocusContext None { get; } = new([], []);
}
