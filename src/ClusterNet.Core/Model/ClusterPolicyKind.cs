namespace ClusterNet.Core.Model;

/// <summary>The cluster-scoped policy kinds of policy.networking.k8s.io read into <see cref="ClusterPolicyInfo"/>.</summary>
public enum ClusterPolicyKind
{
    /// <summary>v1alpha2 (network-policy-api v0.2.0): tier Admin or Baseline, actions Accept / Deny / Pass.</summary>
    ClusterNetworkPolicy,
    /// <summary>v1alpha1 AdminNetworkPolicy: the Admin tier, actions Allow / Deny / Pass.</summary>
    AdminNetworkPolicy,
    /// <summary>v1alpha1 BaselineAdminNetworkPolicy: the Baseline tier singleton named "default", actions Allow / Deny.</summary>
    BaselineAdminNetworkPolicy,
}
