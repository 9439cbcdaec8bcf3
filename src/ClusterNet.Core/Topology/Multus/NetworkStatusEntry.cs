using System.Collections.Immutable;

namespace ClusterNet.Core.Topology.Multus;

/// <summary>One element of a pod's <c>k8s.v1.cni.cncf.io/network-status</c> annotation.</summary>
public sealed record NetworkStatusEntry
{
    /// <summary>"ns/nad" (or "nad"), or the cluster network's name for the default interface.</summary>
    public required string Name { get; init; }
    public string? Interface { get; init; }
    public ImmutableArray<string> Ips { get; init; } = [];
    public string? Mac { get; init; }
    public bool Default { get; init; }
    /// <summary>device-info.pci.pci-address: the SR-IOV VF given to the pod.</summary>
    public string? PciAddress { get; init; }
    public int? Mtu { get; init; }
}
