using System.Collections.Immutable;

namespace ClusterNet.Core.Topology;

/// <summary>
/// What the API server cannot tell the topology builder (bound from the <c>Topology</c> configuration section).
/// </summary>
public sealed record TopologyOptions
{
    public static TopologyOptions Default { get; } = new();

    /// <summary>
    /// Node networks as CIDRs (<c>Topology:NodeSubnets</c>). Two nodes are on one L2 segment when one entry holds both
    /// node IPs. Empty: inferred by grouping node IPs per /<see cref="InferredPrefixLength"/>, and said to be an inference.
    /// </summary>
    public ImmutableArray<string> NodeSubnets { get; init; } = [];

    /// <summary>Prefix used to infer node segments when <see cref="NodeSubnets"/> is empty.</summary>
    public int InferredPrefixLength { get; init; } = 24;

    /// <summary>
    /// The nodes' primary NIC name (<c>Topology:NicName</c>). The API does not expose it; null shows "eth0?" with a note.
    /// </summary>
    public string? NicName { get; init; }

    /// <summary>MTU of the primary NIC (not in the API either); 1500 unless configured.</summary>
    public int NicMtu { get; init; } = 1500;

    /// <summary>
    /// kube-proxy mode override (iptables, ipvs, nftables). Null: read from the kube-proxy ConfigMap, iptables when absent.
    /// </summary>
    public string? KubeProxyMode { get; init; }

    /// <summary>
    /// Above this many nodes the node-to-node mesh edges (tunnels, direct routes, BGP sessions) are left out of the graph
    /// because n² edges help nobody; routes and packet walks still show every peer.
    /// </summary>
    public int MeshEdgeNodeLimit { get; init; } = 60;

    internal string NicDisplayName => string.IsNullOrWhiteSpace(NicName) ? "eth0?" : NicName;

    internal string NicRouteName => string.IsNullOrWhiteSpace(NicName) ? "eth0" : NicName;

    internal bool NicNameIsGuess => string.IsNullOrWhiteSpace(NicName);
}
