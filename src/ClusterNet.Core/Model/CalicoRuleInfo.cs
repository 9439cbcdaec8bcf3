using System.Collections.Immutable;

namespace ClusterNet.Core.Model;

/// <summary>One Calico ingress or egress rule. Protocol/NotProtocol as written (TCP, UDP, SCTP, ICMP, a number...).</summary>
public sealed record CalicoRuleInfo
{
    public required CalicoRuleAction Action { get; init; }
    public string? Protocol { get; init; }
    public string? NotProtocol { get; init; }
    public CalicoEntityRuleInfo Source { get; init; } = CalicoEntityRuleInfo.Any;
    public CalicoEntityRuleInfo Destination { get; init; } = CalicoEntityRuleInfo.Any;
    /// <summary>Fields present that the engine does not evaluate (http, icmp on a non-ICMP probe is simply no match).</summary>
    public ImmutableArray<string> Unmodelled { get; init; } = [];
}
