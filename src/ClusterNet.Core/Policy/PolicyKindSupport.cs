namespace ClusterNet.Core.Policy;

/// <summary>
/// Whether the detected CNI enforces one policy family, in words for the verdict qualifier. <see cref="Assumed"/> marks
/// answers taken from the CNI's documentation rather than read from the cluster (versions and feature flags are not).
/// </summary>
public sealed record PolicyKindSupport(string Kind, EnforcementState State, string Text, bool Assumed)
{
    /// <summary>
    /// Which CNI enforces which kind, as the CNIs document it: Calico and canal (Felix) enforce NetworkPolicy and Calico's own
    /// policies, and ClusterNetworkPolicy / AdminNetworkPolicy in recent versions; Cilium enforces NetworkPolicy, and
    /// ClusterNetworkPolicy only behind its feature flag; kube-router NetworkPolicy only; flannel alone nothing.
    /// </summary>
    public static PolicyKindSupport Of(string? cni, string kind)
    {
        var networkPolicy = kind == "NetworkPolicy";
        return cni switch
        {
            Topology.CniName.Flannel => new(kind, EnforcementState.NotEnforced, $"{kind} {VerdictText.NotEnforced} (flannel)", false),
            Topology.CniName.Calico or Topology.CniName.Canal when networkPolicy || kind.StartsWith("Calico", StringComparison.Ordinal) =>
                new(kind, EnforcementState.Enforced, $"{kind} enforced by {cni}", false),
            Topology.CniName.Calico or Topology.CniName.Canal =>
                new(kind, EnforcementState.Unknown, $"{kind} enforced by recent {cni} versions only (assumed from Calico's documentation; the version is not checked)", true),
            Topology.CniName.Cilium when networkPolicy => new(kind, EnforcementState.Enforced, $"{kind} enforced by cilium", false),
            Topology.CniName.Cilium when kind == "ClusterNetworkPolicy" =>
                new(kind, EnforcementState.Unknown, $"{kind} enforced by cilium only with its ClusterNetworkPolicy feature flag on (assumed from Cilium's documentation; the flag is not checked)", true),
            Topology.CniName.Cilium or Topology.CniName.KubeRouter when !networkPolicy =>
                new(kind, EnforcementState.NotEnforced, $"{kind} {VerdictText.NotEnforced} ({cni}, assumed from its documentation)", true),
            Topology.CniName.KubeRouter => new(kind, EnforcementState.Enforced, $"{kind} enforced by kube-router", false),
            _ => new(kind, EnforcementState.Unknown, $"{kind}: enforcement unknown (the CNI was not recognised)", false),
        };
    }
}
