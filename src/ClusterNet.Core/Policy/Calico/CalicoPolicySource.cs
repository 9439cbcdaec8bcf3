namespace ClusterNet.Core.Policy.Calico;

/// <summary>Where a policy in Calico's tiered model came from.</summary>
public enum CalicoPolicySource
{
    CalicoNetworkPolicy,
    CalicoGlobalNetworkPolicy,
    /// <summary>A Kubernetes NetworkPolicy, which Calico places in the default tier at order 1000 as knp.default.NAME.</summary>
    KubernetesNetworkPolicy,
}
