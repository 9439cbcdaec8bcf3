using System.Collections.Immutable;

namespace ClusterNet.Core.Model;

/// <summary>One ingress or egress rule of a cluster policy, in written order (the order is its precedence).</summary>
public sealed record ClusterPolicyRuleInfo
{
    public string? Name { get; init; }
    /// <summary>Null when the written action is unknown: the rule is then ignored (the source reported it).</summary>
    public ClusterPolicyAction? Action { get; init; }
    /// <summary>The action as written ("Allow", "Accept", ...).</summary>
    public string ActionText { get; init; } = "";
    /// <summary>from (ingress) or to (egress).</summary>
    public ImmutableArray<ClusterPolicyPeerInfo> Peers { get; init; } = [];
    /// <summary>v1alpha2 protocols / v1alpha1 ports; null when absent (every port and protocol).</summary>
    public ImmutableArray<ClusterPolicyPortInfo>? Ports { get; init; }
}
