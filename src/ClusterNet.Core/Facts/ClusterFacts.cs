using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using ClusterNet.Core.ClientIp;
using ClusterNet.Core.Dns;
using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using ClusterNet.Core.Topology;

namespace ClusterNet.Core.Facts;

/// <summary>
/// Cluster-wide facts every analyzer needs, computed once per snapshot: which CNI runs and whether it enforces policy,
/// the cluster DNS (kube-dns Service, NodeLocal DNSCache), kube-proxy's mode, the pod networks. Analyzers read these
/// instead of detecting them again (they used to, differently). <see cref="Of"/> caches per snapshot instance.
/// </summary>
public sealed record ClusterFacts
{
    private static readonly ConditionalWeakTable<ClusterSnapshot, ClusterFacts> Cache = new();

    public required CniDetection Cni { get; init; }
    public required PolicyEnforcement Enforcement { get; init; }
    public required ClusterDnsInfo Dns { get; init; }
    /// <summary>iptables, ipvs or nftables (iptables when nothing says otherwise, as kube-proxy defaults on Linux).</summary>
    public required string KubeProxyMode { get; init; }
    public required string KubeProxyModeSource { get; init; }
    /// <summary>Node podCIDRs, Calico IPPools and flannel's net-conf.json Network, as CIDRs.</summary>
    public required ImmutableArray<string> PodNetworks { get; init; }
    /// <summary>
    /// Ingress controller workloads in the snapshot, in snapshot order: ingress-nginx (image or app.kubernetes.io/name
    /// label), Traefik, both HAProxy controllers and Contour (image). The one answer to "which ingress controllers run here".
    /// </summary>
    public ImmutableArray<IngressControllerWorkload> IngressControllers { get; init; } = [];

    /// <summary>
    /// flannel's backend and net-conf.json (parsed once here) when flannel carries the data path (flannel, canal); null
    /// otherwise. The topology builder and every other reader of net-conf.json read it from here.
    /// </summary>
    public FlannelSettings? Flannel { get; init; }

    /// <summary>What reading flannel's config found (net-conf.json missing or invalid, nodes running another backend).</summary>
    public ImmutableArray<Findings.Finding> FlannelFindings { get; init; } = [];

    /// <summary>net-conf.json's Network (the cluster's pod network under flannel); null without a valid net-conf.json.</summary>
    public Ipv4Cidr? FlannelNetwork => Flannel?.NetConf?.Config?.Network;

    public static ClusterFacts Of(ClusterSnapshot snapshot) => Cache.GetValue(snapshot, Compute);

    private static ClusterFacts Compute(ClusterSnapshot snapshot)
    {
        var cni = CniDetector.Detect(snapshot);
        var (mode, source) = KubeProxyConfig.DetectMode(snapshot, null);
        var flannelFindings = new List<Findings.Finding>();
        var flannel = cni.UsesFlannelDataPath ? FlannelSettingsReader.Read(snapshot, cni, flannelFindings) : null;
        return new ClusterFacts
        {
            Flannel = flannel,
            FlannelFindings = [.. flannelFindings],
            Cni = cni,
            Enforcement = new PolicyEnforcement(cni.Name == CniName.Unknown ? null : cni.Name, cni.EnforcesPolicy, cni.Signals)
            {
                TieredKinds = [.. snapshot.ClusterPolicies.Select(p => p.Kind.ToString())
                    .Concat(snapshot.CalicoNetworkPolicies.Concat(snapshot.CalicoGlobalNetworkPolicies).Select(p => "Calico " + p.Kind))
                    .Distinct().Order(StringComparer.Ordinal)],
            },
            Dns = ClusterDnsDetector.Detect(snapshot),
            KubeProxyMode = mode,
            KubeProxyModeSource = source,
            PodNetworks = [.. PodNetworkDetector.Detect(snapshot, flannel)],
            IngressControllers = [.. snapshot.Workloads
                .Select(w => IngressControllerDetector.KindOfWorkload(w) is { } kind ? new IngressControllerWorkload(kind, w) : null)
                .OfType<IngressControllerWorkload>()],
        };
    }
}

/// <summary>An ingress controller's workload and which controller it is.</summary>
public sealed record IngressControllerWorkload(IngressControllerKind Kind, WorkloadInfo Workload);
