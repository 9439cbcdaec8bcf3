namespace ClusterNet.Web.Topology;

/// <summary>What the graph shows: pods of a namespace, with a label (key or key=value), on a node, matching a text.</summary>
public sealed record TopologyFilter(string? Namespace, string? Label, string? Node, string? Text)
{
    public bool IsEmpty => string.IsNullOrEmpty(Namespace) && string.IsNullOrEmpty(Label) && string.IsNullOrEmpty(Node) && string.IsNullOrEmpty(Text);
}
