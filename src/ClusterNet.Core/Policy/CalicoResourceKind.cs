namespace ClusterNet.Core.Policy;

/// <summary>The Calico objects besides policies that a what-if edits: they change how Calico's policies evaluate.</summary>
public enum CalicoResourceKind
{
    /// <summary>A <c>Tier</c>: its order and defaultAction.</summary>
    Tier,
    /// <summary>A namespaced <c>NetworkSet</c>: nets rule selectors pick.</summary>
    NetworkSet,
    /// <summary>A cluster-wide <c>GlobalNetworkSet</c>.</summary>
    GlobalNetworkSet,
}
