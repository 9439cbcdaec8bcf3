namespace ClusterNet.Core.Policy;

/// <summary>
/// One port class's answer: per destination the sources its ingress admits, per source the destinations its egress
/// admits (null = not isolated), the same two with ipBlocks not matching pod IPs (Strict*, shared by reference where
/// no ipBlock contributes), and the resulting rows. Kept so one policy change can patch instead of recompute.
/// </summary>
internal sealed class MatrixLayer(PodSet?[] ingress, PodSet?[] egress, PodSet?[] strictIngress, PodSet?[] strictEgress, ReachMatrixRows rows)
{
    public PodSet?[] Ingress { get; } = ingress;
    public PodSet?[] Egress { get; } = egress;
    public PodSet?[] StrictIngress { get; } = strictIngress;
    public PodSet?[] StrictEgress { get; } = strictEgress;
    public ReachMatrixRows Rows { get; } = rows;

    /// <summary>Per destination, the sources whose answer rests on an implementation-defined tier tie; null when none.</summary>
    public PodSet?[]? AmbiguousIngress { get; init; }
    /// <summary>Per source, the destinations whose answer rests on an implementation-defined tier tie; null when none.</summary>
    public PodSet?[]? AmbiguousEgress { get; init; }

    /// <summary>Equal-priority cluster policies that disagree decide the pair: the answer is implementation-defined.</summary>
    public bool Ambiguous(int s, int d) =>
        (AmbiguousEgress?[s]?.Has(d) ?? false) || (AmbiguousIngress?[d]?.Has(s) ?? false);

    /// <summary>Allowed only because an ipBlock contains a pod IP (the cell is implementation-defined).</summary>
    public bool OnlyViaIpBlock(int s, int d) =>
        !((StrictEgress[s]?.Has(d) ?? true) && (StrictIngress[d]?.Has(s) ?? true));
}
