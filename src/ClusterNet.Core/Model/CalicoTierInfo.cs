namespace ClusterNet.Core.Model;

/// <summary>Calico Tier: spec.order (null sorts last) and spec.defaultAction (Deny unless Pass) for endpoints no rule decided.</summary>
public sealed record CalicoTierInfo : IClusterObject
{
    public required string Name { get; init; }
    public double? Order { get; init; }
    /// <summary>What happens at the end of the tier to traffic of an endpoint some policy in it applies to: Deny or Pass.</summary>
    public CalicoRuleAction DefaultAction { get; init; } = CalicoRuleAction.Deny;

    public ObjectKey Key => ObjectKey.Cluster(Name);
}
