using ClusterNet.Core.Model;

namespace ClusterNet.Core.Topology.Levels;

/// <summary>
/// Which level the Topology page shows (URL <c>level</c>, <c>node</c>, <c>focus</c>): <c>?level=node&amp;node=node01&amp;focus=dev/web-1</c>.
/// <see cref="Node"/> is the page's node filter too, so picking a node in the filter opens its level.
/// </summary>
public sealed record LevelQuery(GraphLevel Level, string? Node, ObjectKey? Focus)
{
    public static LevelQuery Auto { get; } = new(GraphLevel.Auto, null, null);
}
