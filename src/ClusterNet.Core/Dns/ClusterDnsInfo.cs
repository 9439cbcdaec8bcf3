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

    /// <summary>Every address node-local-dns binds (its <c>-localip</c> list, else its Corefile's bind line); the first is <see cref="NodeLocalAddress"/>.</summary>
    public ImmutableArray<string> NodeLocalAddresses { get; init; } = [];

    /// <summary>kubelet's clusterDNS from kubeadm's kube-system/kubelet-config ConfigMap; empty when that ConfigMap is not there.</summary>
    public ImmutableArray<string> KubeletClusterDns { get; init; } = [];

    /// <summary>
    /// The addresses kubelet writes as the pods' nameservers (ClusterFirst): kubelet's clusterDNS where the API shows it,
    /// else inferred from NodeLocal DNSCache's mode, else the kube-dns Service IP. Empty: <see cref="PodNameserver"/> decides
    /// as before (NodeLocal DNSCache's address, else kube-dns's).
    /// </summary>
    public ImmutableArray<string> PodNameservers { get; init; } = [];

    /// <summary>Which source decided <see cref="PodNameservers"/>, in one sentence.</summary>
    public string? PodNameserverSource { get; init; }

    /// <summary>True when <see cref="PodNameservers"/> is inferred (kubelet's configuration is not in the API).</summary>
    public bool PodNameserverInferred { get; init; }

    /// <summary>A NodeLocal DNSCache set-up that cannot work as written (IPVS mode with the Service IP in -localip), or null.</summary>
    public string? NodeLocalProblem { get; init; }

    /// <summary>The address pods are given as nameserver by kubelet: see <see cref="PodNameservers"/>; NodeLocal DNSCache's when present, else kube-dns's.</summary>
    public string? PodNameserver => PodNameservers.IsDefaultOrEmpty ? NodeLocalAddress ?? KubeDnsIp : PodNameservers[0];

    /// <summary>Every address pods send DNS to, and NodeLocal DNSCache's own: what an egress policy must open.</summary>
    public ImmutableArray<string> DnsEgressAddresses =>
        [.. (PodNameservers.IsDefaultOrEmpty ? [PodNameserver] : PodNameservers.Cast<string?>()).Append(NodeLocalAddress).OfType<string>().Distinct(StringComparer.Ordinal)];
}
