namespace ClusterNet.Core.Topology;

/// <summary>A link between two elements. <see cref="Id"/> is stable (kind + both ends).</summary>
public sealed record TopologyEdge
{
    public required string Id { get; init; }
    /// <summary>One of <see cref="EdgeKind"/>.</summary>
    public required string Kind { get; init; }
    public required string Source { get; init; }
    public required string Target { get; init; }
    public string Label { get; init; } = "";
    public AttributeMap Data { get; init; } = AttributeMap.Empty;

    public bool Equals(TopologyEdge? other) =>
        other is not null
        && Id == other.Id && Kind == other.Kind && Source == other.Source && Target == other.Target && Label == other.Label
        && Data.Equals(other.Data);

    public override int GetHashCode() => HashCode.Combine(Id, Kind, Source, Target, Label, Data.Count);

    internal static string MakeId(string kind, string source, string target) => $"{kind}:{source}->{target}";
}
