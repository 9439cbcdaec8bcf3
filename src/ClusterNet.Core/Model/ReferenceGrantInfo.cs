using System.Collections.Immutable;

namespace ClusterNet.Core.Model;

/// <summary>gateway.networking.k8s.io ReferenceGrant: lets objects in other namespaces (From) refer to objects in this one (To).</summary>
public sealed record ReferenceGrantInfo : IClusterObject
{
    public required string Namespace { get; init; }
    public required string Name { get; init; }
    public ImmutableArray<ReferenceGrantFromInfo> From { get; init; } = [];
    public ImmutableArray<ReferenceGrantToInfo> To { get; init; } = [];

    public ObjectKey Key => new(Namespace, Name);
}
