using System.Collections.Immutable;

namespace ClusterNet.Core.Model;

public sealed record ServiceInfo : IClusterObject
{
    public required string Namespace { get; init; }
    public required string Name { get; init; }
    public string Uid { get; init; } = "";
    public ImmutableDictionary<string, string> Labels { get; init; } = LabelMap.Empty;
    public ImmutableDictionary<string, string> Annotations { get; init; } = LabelMap.Empty;
    /// <summary>ClusterIP, NodePort, LoadBalancer or ExternalName.</summary>
    public string Type { get; init; } = "ClusterIP";
    /// <summary>spec.clusterIPs (or clusterIP); "None" for headless.</summary>
    public ImmutableArray<string> ClusterIps { get; init; } = [];
    public ImmutableArray<ServicePortInfo> Ports { get; init; } = [];
    /// <summary>null when the Service has no selector (endpoints managed by hand).</summary>
    public ImmutableDictionary<string, string>? Selector { get; init; }
    /// <summary>Cluster or Local; null when not set (Kubernetes defaults Cluster for NodePort/LoadBalancer).</summary>
    public string? ExternalTrafficPolicy { get; init; }
    public string? InternalTrafficPolicy { get; init; }
    public int? HealthCheckNodePort { get; init; }
    public ImmutableArray<LoadBalancerIngressInfo> LoadBalancerIngress { get; init; } = [];
    public string? LoadBalancerClass { get; init; }
    public ImmutableArray<string> LoadBalancerSourceRanges { get; init; } = [];
    public ImmutableArray<string> ExternalIps { get; init; } = [];
    public string? ExternalName { get; init; }
    public string? SessionAffinity { get; init; }

    public ObjectKey Key => new(Namespace, Name);

    public string? ClusterIp => ClusterIps.IsDefaultOrEmpty ? null : ClusterIps[0];
}
