using System.Collections.Immutable;

namespace ClusterNet.Core.Model;

public sealed record PodInfo : IClusterObject
{
    public required string Namespace { get; init; }
    public required string Name { get; init; }
    public string Uid { get; init; } = "";
    public ImmutableDictionary<string, string> Labels { get; init; } = LabelMap.Empty;
    public ImmutableDictionary<string, string> Annotations { get; init; } = LabelMap.Empty;
    public string? NodeName { get; init; }
    public bool HostNetwork { get; init; }
    public string Phase { get; init; } = "Pending";
    public bool Ready { get; init; }
    /// <summary>status.podIPs (or podIP); empty before the CNI assigned one.</summary>
    public ImmutableArray<string> PodIps { get; init; } = [];
    public string? HostIp { get; init; }
    public ImmutableArray<ContainerInfo> Containers { get; init; } = [];
    /// <summary>spec.dnsPolicy as written; Kubernetes defaults it to ClusterFirst.</summary>
    public string DnsPolicy { get; init; } = "ClusterFirst";
    public PodDnsConfig? DnsConfig { get; init; }
    /// <summary>spec.hostname; kubelet uses the pod name when empty.</summary>
    public string? Hostname { get; init; }
    /// <summary>spec.subdomain: with it the pod's FQDN is hostname.subdomain.ns.svc.&lt;cluster domain&gt;.</summary>
    public string? Subdomain { get; init; }
    /// <summary>spec.hostAliases, in order.</summary>
    public ImmutableArray<HostAliasInfo> HostAliases { get; init; } = [];
    public OwnerRef? Owner { get; init; }
    public string? ServiceAccountName { get; init; }

    public ObjectKey Key => new(Namespace, Name);

    public string? PodIp => PodIps.IsDefaultOrEmpty ? null : PodIps[0];
}
