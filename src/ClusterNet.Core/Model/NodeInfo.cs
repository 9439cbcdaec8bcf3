using System.Collections.Immutable;

namespace ClusterNet.Core.Model;

public sealed record NodeInfo : IClusterObject
{
    public required string Name { get; init; }
    public string Uid { get; init; } = "";
    public ImmutableDictionary<string, string> Labels { get; init; } = LabelMap.Empty;
    public ImmutableDictionary<string, string> Annotations { get; init; } = LabelMap.Empty;
    public ImmutableArray<NodeAddress> Addresses { get; init; } = [];
    /// <summary>spec.podCIDRs (or spec.podCIDR alone), as written: validation happens in analyzers.</summary>
    public ImmutableArray<string> PodCidrs { get; init; } = [];
    public string KernelVersion { get; init; } = "";
    public string OsImage { get; init; } = "";
    public string KubeletVersion { get; init; } = "";
    public string ContainerRuntimeVersion { get; init; } = "";
    public string Architecture { get; init; } = "";
    /// <summary>Ready condition: true, false, or null when unknown.</summary>
    public bool? Ready { get; init; }

    public ObjectKey Key => ObjectKey.Cluster(Name);

    /// <summary>First InternalIP, else first ExternalIP, else null.</summary>
    public string? InternalIp =>
        Addresses.FirstOrDefault(a => a.Type == "InternalIP")?.Address ?? Addresses.FirstOrDefault(a => a.Type == "ExternalIP")?.Address;
}
