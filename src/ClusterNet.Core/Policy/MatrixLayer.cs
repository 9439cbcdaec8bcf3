namespace ClusterNet.Core.Policy;

/// <summary>
/// One port class's answer: per destination the sources its ingress admits, per source the destinations its egress
/// admits (null = not isolated), and the resulting rows. Kept so one policy change can patch instead of recompute.
/// </summary>
internal sealed class MatrixLayer(PodSet?[] ingress, PodSet?[] egress, PodSet[] rows)
{
    public PodSet?[] Ingress { get; } = ingress;
    public PodSet?[] Egress { get; } = egress;
    public PodSet[] Rows { get; } = rows;
}
