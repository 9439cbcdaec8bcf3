namespace ClusterNet.Core.Topology.Levels;

/// <summary>Kinds of the elements a level adds (beside <see cref="ElementKind"/>), as the page's styles read them.</summary>
public static class LevelKind
{
    /// <summary>A box around the nodes of one zone or subnet (cluster level).</summary>
    public const string Zone = "zone";
    /// <summary>A counted stand-in for folded elements: pods of one workload, a node's other devices, Services...</summary>
    public const string Group = "group";
}
