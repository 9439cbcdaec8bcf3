using ClusterNet.Core.Policy;
using ClusterNet.Core.Policy.Chain;

namespace ClusterNet.Web.PageModels.Policies;

/// <summary>
/// One step of a direction's policy chain as the cell explanation lists it: tier, policy, rule, action, and the full
/// sentence. Rules of kind-named policies (ClusterNetworkPolicy, ANP/BANP, Calico) read "ingress rule 2" (1-based);
/// a Kubernetes NetworkPolicy's rule keeps "ingress[0]", as in the summary sentence.
/// </summary>
public sealed record PolicyChainRow(string Tier, string Policy, string? Rule, string Action, string Text, string? Caveat, string? Note)
{
    /// <summary>The rows of one direction, in evaluation order (empty when only NetworkPolicy judged it).</summary>
    public static IReadOnlyList<PolicyChainRow> Of(DirectionExplanation side)
    {
        var direction = side.Direction.ToLowerInvariant();
        return [.. side.Chain.Select(s => new PolicyChainRow(
            s.Tier,
            s.Policy is null ? "no policy decides" : KindNamed(s.Policy) ? s.Policy : $"NetworkPolicy {s.Policy}",
            s.RuleIndex is not { } i ? null : s.Policy is { } p && KindNamed(p) ? $"{direction} rule {i + 1}" : $"{direction}[{i}]",
            ActionWord(s.Decision),
            s.Text,
            s.Caveat,
            s.Note))];
    }

    /// <summary>"allowed" or "denied" for the direction: the list's first line.</summary>
    public static string Verdict(DirectionExplanation side) => $"{side.Direction}: {(side.Allows ? "allowed" : "denied")}";

    // The NetworkPolicy stage names its policy by key ("dev/allow-80"); the other stages prefix the kind ("ClusterNetworkPolicy x").
    private static bool KindNamed(string policy) => policy.Contains(' ', StringComparison.Ordinal);

    private static string ActionWord(StageDecision d) => d switch
    {
        StageDecision.Allow => "allow",
        StageDecision.Deny => "deny",
        StageDecision.Pass => "pass",
        _ => "no match",
    };
}
