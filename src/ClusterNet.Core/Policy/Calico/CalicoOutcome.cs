namespace ClusterNet.Core.Policy.Calico;

/// <summary>How one direction of a connection was decided in Calico's tiered model.</summary>
public enum CalicoOutcome
{
    /// <summary>A rule with action Allow matched.</summary>
    RuleAllow,
    /// <summary>A rule with action Deny matched.</summary>
    RuleDeny,
    /// <summary>Policies of a tier applied to the endpoint, none decided, and the tier's default action is Deny.</summary>
    EndOfTierDeny,
    /// <summary>Every tier was skipped or passed: Calico's Kubernetes profile for the namespace allows.</summary>
    ProfileAllow,
    /// <summary>The end is not a Calico workload endpoint (an external address, a hostNetwork pod): no policy is checked there.</summary>
    NotApplicable,
}
