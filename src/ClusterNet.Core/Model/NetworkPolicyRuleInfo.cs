using System.Collections.Immutable;

namespace ClusterNet.Core.Model;

/// <summary>An ingress or egress rule. Peers = from (ingress) or to (egress). Null = absent (matches all), empty = matches none.</summary>
public sealed record NetworkPolicyRuleInfo
{
    public ImmutableArray<NetworkPolicyPeerInfo>? Peers { get; init; }
    public ImmutableArray<NetworkPolicyPortInfo>? Ports { get; init; }
}
