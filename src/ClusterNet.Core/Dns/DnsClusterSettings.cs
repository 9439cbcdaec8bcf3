using System.Collections.Immutable;

namespace ClusterNet.Core.Dns;

/// <summary>
/// What kubelet knows and the manifests don't: the cluster domain, the node's own resolv.conf (search domains and
/// nameservers that pods inherit), and an override for the cluster DNS address (kubelet's --cluster-dns).
/// Search limits are the API's: 32 domains / 2048 characters since Kubernetes 1.28 (ExpandedDNSConfig), 6 / 256 before.
/// </summary>
public sealed record DnsClusterSettings
{
    public static DnsClusterSettings Default { get; } = new();

    public string ClusterDomain { get; init; } = "cluster.local";
    public ImmutableArray<string> NodeSearch { get; init; } = [];
    public ImmutableArray<string> NodeNameservers { get; init; } = [];
    public ImmutableArray<DnsOptionText> NodeOptions { get; init; } = [];
    /// <summary>kubelet's clusterDNS; when empty the kube-dns Service (or NodeLocal DNSCache) address is used.</summary>
    public ImmutableArray<string> ClusterDnsOverride { get; init; } = [];
    public int MaxSearchDomains { get; init; } = 32;
    public int MaxSearchChars { get; init; } = 2048;
    /// <summary>Nodes above which a cluster without NodeLocal DNSCache is flagged.</summary>
    public int LargeClusterNodes { get; init; } = 50;

    /// <summary>The pre-1.28 limits (6 search domains, 256 characters).</summary>
    public DnsClusterSettings WithLegacySearchLimits() => this with { MaxSearchDomains = 6, MaxSearchChars = 256 };
}
