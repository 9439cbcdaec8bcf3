namespace ClusterNet.Core.Model;

/// <summary>Where a cluster-scoped policy sits in the chain: Admin before NetworkPolicy, Baseline after it.</summary>
public enum ClusterPolicyTier
{
    Admin,
    Baseline,
}
