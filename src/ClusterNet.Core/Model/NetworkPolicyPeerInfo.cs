namespace ClusterNet.Core.Model;

/// <summary>from/to entry. Null members are absent in the manifest (absent differs from empty {}).</summary>
public sealed record NetworkPolicyPeerInfo
{
    public LabelSelector? PodSelector { get; init; }
    public LabelSelector? NamespaceSelector { get; init; }
    public IpBlockInfo? IpBlock { get; init; }
}
