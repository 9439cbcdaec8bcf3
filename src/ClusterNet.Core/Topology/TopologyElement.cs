namespace ClusterNet.Core.Topology;

/// <summary>
/// One drawable thing: node box, device, pod, Service. <see cref="Id"/> is stable across snapshots
/// (derived from names, never from positions or counters) so deltas can be applied to a live graph.
/// Equality is by content, including the maps, which is what <see cref="TopologyDiff"/> needs.
/// </summary>
public sealed record TopologyElement
{
    public required string Id { get; init; }
    /// <summary>One of <see cref="ElementKind"/>.</summary>
    public required string Kind { get; init; }
    public required string Label { get; init; }
    /// <summary>Compound parent (the node box) or null for top-level elements.</summary>
    public string? Parent { get; init; }
    /// <summary>Cluster node the element lives on, for filtering.</summary>
    public string? Node { get; init; }
    public string? Namespace { get; init; }
    /// <summary>Details for the side panel (addresses, MTU, VNI, notes), sorted by key.</summary>
    public AttributeMap Data { get; init; } = AttributeMap.Empty;
    /// <summary>Kubernetes labels (pods, nodes, Services) for label filters.</summary>
    public AttributeMap Labels { get; init; } = AttributeMap.Empty;

    public bool Equals(TopologyElement? other) =>
        other is not null
        && Id == other.Id && Kind == other.Kind && Label == other.Label && Parent == other.Parent
        && Node == other.Node && Namespace == other.Namespace
        && Data.Equals(other.Data) && Labels.Equals(other.Labels);

    public override int GetHashCode() => HashCode.Combine(Id, Kind, Label, Parent, Data.Count, Labels.Count);
}
