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
    public bool PoliciesIgnored(ClusterSnapshot snapshot) => Enforces == false && (snapshot.NetworkPolicies.Count > 0 || snapshot.ClusterPolicies.Any());

    /// <summary>The qualifier to show next to verdicts on this snapshot: null when it holds no policy at all.</summary>
    public string? QualifierFor(ClusterSnapshot snapshot) => snapshot.NetworkPolicies.Count == 0 && !snapshot.ClusterPolicies.Any() ? null : Qualifier;

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
        _ => TierQualifier,
    };

    /// <summary>
    /// Policy kinds besides NetworkPolicy present in the snapshot ("ClusterNetworkPolicy", "AdminNetworkPolicy",
    /// "BaselineAdminNetworkPolicy", Calico's): their enforcement is qualified separately, since CNIs differ per kind.
    /// </summary>
    public IReadOnlyList<string> TieredKinds { get; init; } = [];

    /// <summary>Per present kind (NetworkPolicy first), whether the CNI enforces it.</summary>
    public IReadOnlyList<PolicyKindSupport> KindSupport => [.. new[] { "NetworkPolicy" }.Concat(TieredKinds).Select(k => PolicyKindSupport.Of(Cni, k))];

    /// <summary>
    /// When the CNI enforces NetworkPolicy but not (or not surely) a tiered kind present in the snapshot: that kind's
    /// words, e.g. "ClusterNetworkPolicy enforced by cilium only with its ClusterNetworkPolicy feature flag on (assumed …)".
    /// </summary>
    private string? TierQualifier
    {
        get
        {
            var open = TieredKinds.Select(k => PolicyKindSupport.Of(Cni, k)).Where(s => s.State != EnforcementState.Enforced).Select(s => s.Text).ToList();
            return open.Count == 0 ? null : string.Join("; ", open);
        }
    }

    /// <summary>The snapshot's <see cref="Facts.ClusterFacts.Enforcement"/> (computed once per snapshot from the CNI detection).</summary>
    public static PolicyEnforcement Detect(ClusterSnapshot snapshot) => Facts.ClusterFacts.Of(snapshot).Enforcement;
}
