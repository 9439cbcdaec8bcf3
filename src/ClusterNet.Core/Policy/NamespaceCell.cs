namespace ClusterNet.Core.Policy;

/// <summary>One namespace pair of a <see cref="NamespaceMatrix"/>: how many pod pairs are allowed, denied or implementation-defined.</summary>
public sealed record NamespaceCell(string From, string To, long Pairs, long Allowed, long Denied, long DependsOnImplementation)
{
    /// <summary>all, none, some or empty (no pods on one side): what the matrix cell colours.</summary>
    public string State => Pairs == 0 ? "empty" : Allowed == Pairs ? "all" : Allowed == 0 ? "none" : "some";
}
