namespace ClusterNet.Core.Policy;

/// <summary>How many of a namespace pair's pod pairs are allowed (<see cref="NamespaceCell.State"/>).</summary>
public enum NamespaceCellState
{
    /// <summary>No pods on one side: nothing to allow.</summary>
    Empty,
    All,
    None,
    Some,
}
