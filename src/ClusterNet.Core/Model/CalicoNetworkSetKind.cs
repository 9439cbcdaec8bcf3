namespace ClusterNet.Core.Model;

/// <summary>The two Calico network set kinds (projectcalico.org/v3, or crd.projectcalico.org/v1 as the CRDs store them).</summary>
public enum CalicoNetworkSetKind
{
    /// <summary>Namespaced: rule selectors of policies in its namespace match it (others only through a namespaceSelector).</summary>
    NetworkSet,
    /// <summary>Cluster-wide: GlobalNetworkPolicy rule selectors match it, and NetworkPolicy rules whose namespaceSelector has global().</summary>
    GlobalNetworkSet,
}
