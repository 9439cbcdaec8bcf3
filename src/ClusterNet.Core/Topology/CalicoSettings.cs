using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Topology;

/// <summary>Calico's IPPools and BGP mode as the snapshot tells them.</summary>
public sealed record CalicoSettings
{
    public ImmutableArray<IpPoolInfo> Pools { get; init; } = [];
    public bool NodeToNodeMesh { get; init; } = true;
    public int BlockSize { get; init; } = 26;

    /// <summary>The enabled pool holding <paramref name="ip"/>, else the first enabled pool.</summary>
    public IpPoolInfo? PoolFor(uint ip) =>
        Pools.FirstOrDefault(p => !p.Disabled && Ipv4Cidr.TryParse(p.Cidr, out var c) && c.Contains(ip))
        ?? Pools.FirstOrDefault(p => !p.Disabled);
}
