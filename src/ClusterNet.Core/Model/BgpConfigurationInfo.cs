namespace ClusterNet.Core.Model;

/// <summary>Calico BGPConfiguration. NodeToNodeMeshEnabled defaults to true when absent.</summary>
public sealed record BgpConfigurationInfo : IClusterObject
{
    public required string Name { get; init; }
    public bool NodeToNodeMeshEnabled { get; init; } = true;
    public int? AsNumber { get; init; }

    public ObjectKey Key => ObjectKey.Cluster(Name);
}
