namespace ClusterNet.Core.Topology.Levels;

/// <summary>Thresholds of the level and fold decisions.</summary>
public sealed record LevelOptions
{
    public static LevelOptions Default { get; } = new();

    /// <summary>With more pods than this the page opens at the cluster level; up to it, everything is drawn.</summary>
    public int ClusterLevelAbovePods { get; init; } = 300;

    /// <summary>An open node's pods are drawn one by one up to this many; above, folded by namespace and workload.</summary>
    public int FoldPodsAbove { get; init; } = Queries.QueryDefaults.AggregateAbove;

    /// <summary>Top-level elements of one kind (Services, gateway VIPs...) fold into one counted box above this many.</summary>
    public int FoldTopLevelAbove { get; init; } = 24;

    /// <summary>Up to this many nodes the cluster level draws the links between nodes; above, only between zones.</summary>
    public int NodeLinksUpToNodes { get; init; } = 12;

    /// <summary>Focus: at most this many policy peers are drawn one by one (the rest stay in their folded groups).</summary>
    public int FocusPeersUpTo { get; init; } = 40;
}
