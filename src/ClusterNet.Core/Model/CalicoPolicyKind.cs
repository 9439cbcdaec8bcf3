namespace ClusterNet.Core.Model;

/// <summary>The two Calico policy kinds (projectcalico.org/v3, or crd.projectcalico.org/v1 as the CRDs store them).</summary>
public enum CalicoPolicyKind
{
    /// <summary>Namespaced: applies to endpoints in its namespace; rule selectors default to that namespace.</summary>
    NetworkPolicy,
    /// <summary>Cluster-wide: applies to endpoints in every namespace (narrowed by spec.namespaceSelector).</summary>
    GlobalNetworkPolicy,
}
