using System.Collections.Immutable;

namespace ClusterNet.Core.Model;

/// <summary>Only ConfigMaps named in <see cref="ResourceKind.AnalysedConfigMapNames"/> are read.</summary>
public sealed record ConfigMapInfo : IClusterObject
{
    public required string Namespace { get; init; }
    public required string Name { get; init; }
    public ImmutableDictionary<string, string> Data { get; init; } = LabelMap.Empty;
    public ImmutableDictionary<string, string> Labels { get; init; } = LabelMap.Empty;

    public ObjectKey Key => new(Namespace, Name);
}
