using System.Collections.Immutable;

namespace ClusterNet.Core.Model;

/// <summary>
/// The Tigera operator's <c>operator.tigera.io/v1</c> Installation (cluster-scoped, usually named "default"): the
/// parts of <c>spec.calicoNetwork</c> that decide the data path. Null fields were not written (operator defaults apply).
/// </summary>
public sealed record CalicoInstallationInfo : IClusterObject
{
    public required string Name { get; init; }
    /// <summary>spec.calicoNetwork.bgp: Enabled or Disabled.</summary>
    public string? Bgp { get; init; }
    /// <summary>spec.calicoNetwork.mtu: the pod interface MTU; null or 0 means auto-detected.</summary>
    public int? Mtu { get; init; }
    /// <summary>spec.calicoNetwork.linuxDataplane: Iptables, BPF, Nftables, VPP.</summary>
    public string? LinuxDataplane { get; init; }
    /// <summary>spec.cni.type: Calico, GKE, AmazonVPC, AzureVNET.</summary>
    public string? CniType { get; init; }
    public ImmutableArray<InstallationIpPoolInfo> IpPools { get; init; } = [];
    /// <summary>False when spec.calicoNetwork is absent (the operator fills in every default).</summary>
    public bool HasCalicoNetwork { get; init; }

    public ObjectKey Key => ObjectKey.Cluster(Name);
}
