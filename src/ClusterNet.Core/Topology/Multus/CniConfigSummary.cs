using System.Collections.Immutable;

namespace ClusterNet.Core.Topology.Multus;

/// <summary>What a CNI config says about where a secondary interface lands (a conflist's first plugin).</summary>
public sealed record CniConfigSummary
{
    public required string Type { get; init; }
    public string? Name { get; init; }
    /// <summary>macvlan/ipvlan <c>master</c>, host-device <c>device</c>, bridge <c>bridge</c>.</summary>
    public string? Master { get; init; }
    /// <summary>macvlan mode (bridge default), ipvlan mode (l2 default).</summary>
    public string? Mode { get; init; }
    public int? Mtu { get; init; }
    public int? Vlan { get; init; }
    public string? IpamType { get; init; }
    public ImmutableArray<string> IpamRanges { get; init; } = [];
}
