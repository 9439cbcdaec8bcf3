namespace ClusterNet.Core.Model;

/// <summary>Calico IPPool (crd.projectcalico.org/v1 or projectcalico.org/v3). Modes: Never, Always, CrossSubnet.</summary>
public sealed record IpPoolInfo : IClusterObject
{
    public required string Name { get; init; }
    public string Cidr { get; init; } = "";
    public string IpipMode { get; init; } = "Never";
    public string VxlanMode { get; init; } = "Never";
    public bool NatOutgoing { get; init; }
    public bool Disabled { get; init; }
    public int? BlockSize { get; init; }

    public ObjectKey Key => ObjectKey.Cluster(Name);
}
