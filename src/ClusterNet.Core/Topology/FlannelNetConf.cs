using System.Collections.Immutable;

namespace ClusterNet.Core.Topology;

/// <summary>
/// flannel's net-conf.json after flannel's own defaulting. <see cref="Defaulted"/> lists the fields that were absent,
/// so the UI can say "SubnetLen 24 (default)".
/// </summary>
public sealed record FlannelNetConf
{
    public required Ipv4Cidr Network { get; init; }
    public int SubnetLen { get; init; } = 24;
    public required uint SubnetMin { get; init; }
    public required uint SubnetMax { get; init; }
    /// <summary>vxlan, host-gw, udp, ... (flannel defaults to udp when Backend or Type is absent).</summary>
    public string BackendType { get; init; } = "udp";
    public bool DirectRouting { get; init; }
    public int Vni { get; init; } = 1;
    /// <summary>VXLAN UDP port (0 in the config means the kernel default 8472) or the udp backend's port (8285).</summary>
    public int Port { get; init; }
    public bool Gbp { get; init; }
    public ImmutableArray<string> Defaulted { get; init; } = [];

    public string SubnetMinText => Ipv4Cidr.FormatAddress(SubnetMin);

    public string SubnetMaxText => Ipv4Cidr.FormatAddress(SubnetMax);
}
