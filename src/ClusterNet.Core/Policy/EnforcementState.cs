namespace ClusterNet.Core.Policy;

/// <summary>Whether the cluster's CNI applies NetworkPolicy at all (flannel alone does not).</summary>
public enum EnforcementState
{
    Enforced,
    NotEnforced,
    Unknown,
}
