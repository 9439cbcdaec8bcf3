using System.Collections.Immutable;

namespace ClusterNet.Core.Model;

/// <summary>
/// A Multus <c>k8s.cni.cncf.io/v1</c> NetworkAttachmentDefinition: a secondary network pods can ask for. The CNI
/// configuration in <c>spec.config</c> is a JSON string; the fields that decide where the interface lands are read
/// from it (a conflist's first plugin), and <see cref="ConfigError"/> says why it could not be read.
/// </summary>
public sealed record NetworkAttachmentDefinitionInfo : IClusterObject
{
    public required string Namespace { get; init; }
    public required string Name { get; init; }
    /// <summary>Annotation <c>k8s.v1.cni.cncf.io/resourceName</c> (SR-IOV device plugin resource, e.g. intel.com/sriov_netdevice).</summary>
    public string? ResourceName { get; init; }
    /// <summary>The CNI plugin: macvlan, ipvlan, sriov, host-device, bridge, ...; null when the config is missing or broken.</summary>
    public string? CniType { get; init; }
    /// <summary>The CNI config's <c>name</c>.</summary>
    public string? NetworkName { get; init; }
    /// <summary>macvlan/ipvlan parent NIC on the node (<c>master</c>); host-device <c>device</c>.</summary>
    public string? Master { get; init; }
    /// <summary>macvlan bridge|private|vepa|passthru, ipvlan l2|l3|l3s.</summary>
    public string? Mode { get; init; }
    public int? Mtu { get; init; }
    public int? Vlan { get; init; }
    /// <summary>IPAM plugin type (host-local, static, whereabouts, dhcp).</summary>
    public string? IpamType { get; init; }
    /// <summary>IPAM ranges/subnets/addresses as written, for display.</summary>
    public ImmutableArray<string> IpamRanges { get; init; } = [];
    /// <summary>Why spec.config could not be read (invalid JSON, not an object, no type); null when it was read.</summary>
    public string? ConfigError { get; init; }

    public ObjectKey Key => new(Namespace, Name);
}
