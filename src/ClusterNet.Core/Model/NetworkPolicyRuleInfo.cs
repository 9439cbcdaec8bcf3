using System.Collections.Immutable;

namespace ClusterNet.Core.Model;

/// <summary>An ingress or egress rule. Peers = from (ingress) or to (egress). Null (absent) and empty both match all peers/ports, as the API reference says; kept apart so lint and YAML round-trips can tell them apart.</summary>
public sealed record NetworkPolicyRuleInfo
{
    public ImmutableArray<NetworkPolicyPeerInfo>? Peers { get; init; }
    public ImmutableArray<NetworkPolicyPortInfo>? Ports { get; init; }
}
