using System.Collections.Immutable;

namespace ClusterNet.Core.Model;

/// <summary>A DaemonSet, Deployment or StatefulSet: used for CNI/ingress detection and as the owner patches target.</summary>
public sealed record WorkloadInfo : IClusterObject
{
    /// <summary>DaemonSet, Deployment or StatefulSet.</summary>
    public required string Kind { get; init; }
    public required string Namespace { get; init; }
    public required string Name { get; init; }
    public string Uid { get; init; } = "";
    public ImmutableDictionary<string, string> Labels { get; init; } = LabelMap.Empty;
    public ImmutableDictionary<string, string> Annotations { get; init; } = LabelMap.Empty;
    public LabelSelector Selector { get; init; } = LabelSelector.Everything;
    public ImmutableDictionary<string, string> TemplateLabels { get; init; } = LabelMap.Empty;
    public ImmutableArray<ContainerInfo> Containers { get; init; } = [];
    public bool HostNetwork { get; init; }
    public string DnsPolicy { get; init; } = "ClusterFirst";
    public PodDnsConfig? DnsConfig { get; init; }
    public int? DesiredReplicas { get; init; }
    public int ReadyReplicas { get; init; }

    /// <summary>Keyed as Kind/Name so a Deployment and a DaemonSet of one name don't collide: Get(ns, "Deployment/web").</summary>
    public ObjectKey Key => new(Namespace, $"{Kind}/{Name}");
}
