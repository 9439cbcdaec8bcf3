using ClusterNet.Core.Queries;
using ClusterNet.Core.Topology;

namespace ClusterNet.Web.Topology;

/// <summary>
/// The <c>Topology</c> configuration section: what the API server does not tell (node subnets, NIC name and MTU) plus
/// how the page draws. Bound once and validated at start-up.
/// </summary>
public sealed class TopologySettings
{
    public const string SectionName = "Topology";

    /// <summary>Node networks as CIDRs (<c>Topology:NodeSubnets:0=172.16.100.0/24</c>); empty: inferred from node IPs.</summary>
    public List<string> NodeSubnets { get; set; } = [];

    /// <summary>Primary NIC name on the nodes (e.g. ens33); unset shows "eth0?".</summary>
    public string? NicName { get; set; }

    public int NicMtu { get; set; } = 1500;

    /// <summary>iptables, ipvs or nftables; unset reads the kube-proxy ConfigMap.</summary>
    public string? KubeProxyMode { get; set; }

    public int MeshEdgeNodeLimit { get; set; } = 60;

    /// <summary>A node's pods are folded into one box above this many (click expands).</summary>
    public int AggregateAbove { get; set; } = QueryDefaults.AggregateAbove;

    /// <summary>Above this many pods in the graph, veth boxes fold into the pod–bridge edge (labelled "veth").</summary>
    public int FoldVethsAbove { get; set; } = QueryDefaults.FoldVethsAbove;

    public TopologyOptions ToOptions() => new()
    {
        NodeSubnets = [.. NodeSubnets.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim())],
        NicName = string.IsNullOrWhiteSpace(NicName) ? null : NicName.Trim(),
        NicMtu = NicMtu,
        KubeProxyMode = string.IsNullOrWhiteSpace(KubeProxyMode) ? null : KubeProxyMode.Trim(),
        MeshEdgeNodeLimit = MeshEdgeNodeLimit,
    };
}
