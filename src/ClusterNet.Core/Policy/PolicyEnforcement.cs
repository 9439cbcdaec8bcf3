using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy;

/// <summary>
/// Whether the cluster's CNI enforces NetworkPolicy (flannel alone does not), for the policy views' banner and lint,
/// with the signals that decided it.
/// </summary>
public sealed record PolicyEnforcement(string? Cni, bool? Enforces, ImmutableArray<string> Signals)
{
    /// <summary>True when policies exist but nothing will enforce them (flannel alone).</summary>
    public bool PoliciesIgnored(ClusterSnapshot snapshot) => Enforces == false && snapshot.NetworkPolicies.Count > 0;

    public EnforcementState State => Enforces switch
    {
        true => EnforcementState.Enforced,
        false => EnforcementState.NotEnforced,
        null => EnforcementState.Unknown,
    };

    /// <summary>
    /// The qualifier every verdict carries when the CNI does not enforce policy: "not enforced by this CNI (flannel)";
    /// for an unrecognised CNI it says that enforcement is unknown; null when enforced.
    /// </summary>
    public string? Qualifier => State switch
    {
        EnforcementState.NotEnforced => $"{VerdictText.NotEnforced} ({Cni ?? "unknown"})",
        EnforcementState.Unknown => "enforcement unknown: the CNI was not recognised",
        _ => null,
    };

    /// <summary>The snapshot's <see cref="Facts.ClusterFacts.Enforcement"/> (computed once per snapshot from the CNI detection).</summary>
    public static PolicyEnforcement Detect(ClusterSnapshot snapshot) => Facts.ClusterFacts.Of(snapshot).Enforcement;
}
