using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Topology;

/// <summary>
/// Calico's IPPools, networking backend, MTU and BGP mode as the snapshot tells them, with where each came from
/// (<see cref="PoolSource"/>, <see cref="Notes"/>): a manifest install has no IPPool object in a dump taken before
/// calico-node ran, so the pool it will create is read from its environment and said to be so.
/// </summary>
public sealed record CalicoSettings
{
    public ImmutableArray<IpPoolInfo> Pools { get; init; } = [];
    public bool NodeToNodeMesh { get; init; } = true;
    public int BlockSize { get; init; } = 26;
    public CalicoPoolSource PoolSource { get; init; } = CalicoPoolSource.IpPoolObject;
    /// <summary>bird (BGP, BIRD programs IPIP and plain routes), vxlan (Felix programs VXLAN routes, no BGP) or none (policy only).</summary>
    public string Backend { get; init; } = CalicoBackends.Bird;
    /// <summary>The configured pod/tunnel MTU (FELIX_IPINIPMTU, FELIX_VXLANMTU, veth_mtu, Installation mtu); null = auto-detected from the NIC.</summary>
    public int? Mtu { get; init; }
    /// <summary>Where pools, backend and MTU were read, and which values are documented defaults ("assumed").</summary>
    public ImmutableArray<string> Notes { get; init; } = [];

    /// <summary>The enabled pool holding <paramref name="ip"/>, else the first enabled pool.</summary>
    public IpPoolInfo? PoolFor(uint ip) =>
        Pools.FirstOrDefault(p => !p.Disabled && Ipv4Cidr.TryParse(p.Cidr, out var c) && c.Contains(ip))
        ?? Pools.FirstOrDefault(p => !p.Disabled);

    public bool AnyIpip => Pools.Any(p => !p.Disabled && p.IpipMode != "Never");

    public bool AnyVxlan => Pools.Any(p => !p.Disabled && p.VxlanMode != "Never");

    /// <summary>A tunnel device's MTU: the configured one, else the NIC's minus the encapsulation overhead (Felix's auto-detection).</summary>
    public int TunnelMtu(int nicMtu, int overhead) => Mtu is int m && m > 0 ? m : nicMtu - overhead;

    /// <summary>Routes to peers' blocks: BIRD's (proto bird) for IPIP and plain BGP, Felix's (proto 80) for VXLAN.</summary>
    public static string RouteProto(bool vxlan) => vxlan ? CalicoBackends.FelixRouteProto : "bird";
}
