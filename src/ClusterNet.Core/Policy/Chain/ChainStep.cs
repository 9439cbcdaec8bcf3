namespace ClusterNet.Core.Policy.Chain;

/// <summary>
/// One link of the explanation chain for one direction: which tier looked at the connection, which policy and rule
/// decided (or that none did), and what it did. <see cref="Text"/> is the wording the summary joins with " → ":
/// "Admin tier: ClusterNetworkPolicy `block-db` priority 10, ingress rule 2 `Pass`".
/// </summary>
public sealed record ChainStep
{
    /// <summary>"Admin tier", "NetworkPolicy", "Baseline tier", or a plug-in stage's tier name.</summary>
    public required string Tier { get; init; }
    public required StageDecision Decision { get; init; }
    /// <summary>The deciding policy ("ClusterNetworkPolicy block-db"); null when no policy of the tier matched.</summary>
    public string? Policy { get; init; }
    /// <summary>The deciding rule's 0-based index in its direction's list.</summary>
    public int? RuleIndex { get; init; }
    public required string Text { get; init; }
    /// <summary>Why each policy of the tier that selects the pod did or did not match, in evaluation order.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];
    /// <summary>Set when the decision rests on an implementation-defined choice (policies of equal priority that disagree).</summary>
    public string? Caveat { get; init; }
    /// <summary>Something the answer cannot see that may change it in practice (domainNames peers resolved by DNS).</summary>
    public string? Note { get; init; }
}
