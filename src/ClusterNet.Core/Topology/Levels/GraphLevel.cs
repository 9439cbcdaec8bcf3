namespace ClusterNet.Core.Topology.Levels;

/// <summary>How much of the topology the page draws (URL <c>level</c>).</summary>
public enum GraphLevel
{
    /// <summary>No level asked for: <see cref="Pods"/> for small clusters, <see cref="Cluster"/> above <see cref="LevelOptions.ClusterLevelAbovePods"/>.</summary>
    Auto,
    /// <summary>Nodes as counted boxes grouped by zone or subnet; devices and pods folded into their node.</summary>
    Cluster,
    /// <summary>One node open: its devices, its pods (folded by namespace/workload when many); the rest folded.</summary>
    Node,
    /// <summary>Everything drawn (the picture for a few nodes and pods).</summary>
    Pods,
}
