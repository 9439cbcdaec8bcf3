namespace ClusterNet.Core.Topology;

/// <summary>What the graph shows of the pods and Services: namespace, label (<c>key</c> or <c>key=value</c>), node, free text.</summary>
public sealed record TopologyFilter(string? Namespace, string? Label, string? Node, string? Text)
{
    public bool IsEmpty => string.IsNullOrEmpty(Namespace) && string.IsNullOrEmpty(Label) && string.IsNullOrEmpty(Node) && string.IsNullOrEmpty(Text);
}
