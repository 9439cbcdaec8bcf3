using ClusterNet.Core.Model;

namespace ClusterNet.Core.Topology.Levels;

/// <summary>
/// Which level the Topology page shows (URL <c>level</c>, <c>node</c>, <c>focus</c>, <c>group</c>):
/// <c>?level=node&amp;node=node01&amp;focus=dev/web-1</c>. <see cref="Node"/> is the page's node filter too, so picking a
/// node in the filter opens its level. <see cref="Group"/> (namespace/workload) is a counted box of the open node drawn
/// pod by pod, the node's other pods staying folded (<c>?level=node&amp;node=node01&amp;group=dev/web</c>).
/// </summary>
public sealed record LevelQuery(GraphLevel Level, string? Node, ObjectKey? Focus, ObjectKey? Group = null)
{
    public static LevelQuery Auto { get; } = new(GraphLevel.Auto, null, null);
}
