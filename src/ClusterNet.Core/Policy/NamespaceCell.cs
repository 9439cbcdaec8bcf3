namespace ClusterNet.Core.Policy;

/// <summary>One namespace pair of a <see cref="NamespaceMatrix"/>: how many pod pairs are allowed, denied or implementation-defined.</summary>
public sealed record NamespaceCell(string From, string To, long Pairs, long Allowed, long Denied, long DependsOnImplementation)
{
    /// <summary>What the matrix cell colours: every pod pair allowed, none, some, or no pods on one side.</summary>
    public NamespaceCellState State => Pairs == 0 ? NamespaceCellState.Empty
        : Allowed == Pairs ? NamespaceCellState.All
        : Allowed == 0 ? NamespaceCellState.None
        : NamespaceCellState.Some;
}
