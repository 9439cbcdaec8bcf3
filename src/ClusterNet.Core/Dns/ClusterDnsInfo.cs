using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Dns;

/// <summary>
/// The cluster's DNS as found in a snapshot: the kube-dns Service and its ClusterIP, NodeLocal DNSCache (DaemonSet and
/// its link-local address), and what the CoreDNS Corefile enables.
/// </summary>
public sealed record ClusterDnsInfo
{
    public ServiceInfo? KubeDnsService { get; init; }
    public string? KubeDnsIp => KubeDnsService?.ClusterIp is { } ip && ip != "None" ? ip : null;
    public WorkloadInfo? NodeLocalDns { get; init; }
    /// <summary>The address node-local-dns listens on in every node (169.254.20.10 unless configured otherwise).</summary>
    public string? NodeLocalAddress { get; init; }
    /// <summary>Pods of the kube-dns/CoreDNS Deployment (for NetworkPolicy egress checks).</summary>
    public ImmutableArray<PodInfo> DnsPods { get; init; } = [];
    public string? Corefile { get; init; }
    public bool CorefileHasCache { get; init; }
    public bool CorefileHasAutopath { get; init; }
    /// <summary>iptables, ipvs, nftables or null when the kube-proxy ConfigMap is not there.</summary>
    public string? KubeProxyMode { get; init; }

    /// <summary>The address pods are given as nameserver by kubelet: NodeLocal DNSCache's when present, else kube-dns's.</summary>
    public string? PodNameserver => NodeLocalAddress ?? KubeDnsIp;
}
