using System.Collections.Immutable;

namespace ClusterNet.Core.Model;

public sealed record NamespaceInfo : IClusterObject
{
    public required string Name { get; init; }
    public string Uid { get; init; } = "";
    public ImmutableDictionary<string, string> Labels { get; init; } = LabelMap.Empty;
    public string Phase { get; init; } = "Active";

    public ObjectKey Key => ObjectKey.Cluster(Name);
}
