namespace ClusterNet.Core.Policy;

/// <summary>
/// One port class's answer: per destination the sources its ingress admits, per source the destinations its egress
/// admits (null = not isolated), the same two with ipBlocks not matching pod IPs (Strict*, shared by reference where
/// no ipBlock contributes), and the resulting rows. Kept so one policy change can patch instead of recompute.
/// </summary>
internal sealed class MatrixLayer(PodSet?[] ingress, PodSet?[] egress, PodSet?[] strictIngress, PodSet?[] strictEgress, PodSet[] rows)
{
    public PodSet?[] Ingress { get; } = ingress;
    public PodSet?[] Egress { get; } = egress;
    public PodSet?[] StrictIngress { get; } = strictIngress;
    public PodSet?[] StrictEgress { get; } = strictEgress;
    public PodSet[] Rows { get; } = rows;

    /// <summary>Allowed only because an ipBlock contains a pod IP (the cell is implementation-defined).</summary>
    public bool OnlyViaIpBlock(int s, int d) =>
        !((StrictEgress[s]?.Has(d) ?? true) && (StrictIngress[d]?.Has(s) ?? true));
}
