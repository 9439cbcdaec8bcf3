namespace ClusterNet.Core.Policy.Calico;

/// <summary>
/// One step of the walk through the tiers: a matched rule (Allow, Deny, Pass, Log), a policy none of whose rules matched,
/// or the end of a tier. <see cref="Text"/> reads "tier security: GlobalNetworkPolicy deny-db order 10 ingress rule 2 `Deny`".
/// </summary>
public sealed record CalicoStep
{
    public required string Tier { get; init; }
    /// <summary>Null for the end-of-tier step.</summary>
    public string? Policy { get; init; }
    public int? RuleIndex { get; init; }
    /// <summary>The matched rule's action; null when no rule of the policy matched or at the end of the tier.</summary>
    public Model.CalicoRuleAction? Action { get; init; }
    public required string Text { get; init; }
}
