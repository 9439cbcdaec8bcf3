namespace ClusterNet.Core.Model;

/// <summary>One entry of an Installation's <c>spec.calicoNetwork.ipPools</c>; null fields take the operator's defaults.</summary>
public sealed record InstallationIpPoolInfo
{
    public string? Name { get; init; }
    public string Cidr { get; init; } = "";
    /// <summary>IPIP, IPIPCrossSubnet, VXLAN, VXLANCrossSubnet or None.</summary>
    public string? Encapsulation { get; init; }
    /// <summary>Enabled or Disabled.</summary>
    public string? NatOutgoing { get; init; }
    public int? BlockSize { get; init; }
    public bool Disabled { get; init; }
}
