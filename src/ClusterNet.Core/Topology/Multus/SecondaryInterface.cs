using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Topology.Multus;

/// <summary>
/// A pod's interface on a secondary (Multus) network: net1 on a macvlan/ipvlan network off a node NIC, or an SR-IOV VF.
/// NetworkPolicy never applies to it.
/// </summary>
public sealed record SecondaryInterface
{
    public required ObjectKey Pod { get; init; }
    public string? NodeName { get; init; }
    /// <summary>Interface name in the pod (net1, or what the selection asked for).</summary>
    public required string Interface { get; init; }
    /// <summary>The NetworkAttachmentDefinition as "ns/name".</summary>
    public required string Network { get; init; }
    /// <summary>Null when the NAD is not in the snapshot.</summary>
    public NetworkAttachmentDefinitionInfo? Definition { get; init; }
    public string? CniType => Definition?.CniType;
    public ImmutableArray<string> Ips { get; init; } = [];
    public string? Mac { get; init; }
    public string? PciAddress { get; init; }
    /// <summary>network-status (what Multus attached) or requested (only the pod's networks annotation: not attached yet, or no status written).</summary>
    public required string Source { get; init; }

    public bool IsSriov => CniType is "sriov" or "ib-sriov" || Definition?.ResourceName is not null && CniType is null or "host-device";

    /// <summary>"net1 macvlan bridge on ens1f0 (dev/macvlan-conf) 192.168.1.200".</summary>
    public string Describe()
    {
        var how = IsSriov
            ? $"sriov VF {PciAddress ?? "(PCI address not reported)"}" + (Definition?.ResourceName is { } r ? $" from {r}" : "")
            : CniType is null ? "CNI type unknown" : $"{CniType}{(Definition?.Mode is { } m ? " " + m : "")}{(Definition?.Master is { } ms ? " on " + ms : "")}";
        return $"{Interface} {how} ({Network})" + (Ips.IsDefaultOrEmpty ? "" : " " + string.Join(", ", Ips));
    }
}
