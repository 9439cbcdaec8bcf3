using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy;

/// <summary>
/// A what-if edit: add or replace a NetworkPolicy (Policy set), or delete one by key (Policy null); or the same for a
/// cluster-scoped policy (<see cref="ClusterKind"/> set: ClusterNetworkPolicy, AdminNetworkPolicy, BaselineAdminNetworkPolicy).
/// </summary>
public sealed record PolicyEdit(ObjectKey Key, NetworkPolicyInfo? Policy)
{
    /// <summary>Set for an edit of a cluster-scoped policy (then <see cref="Policy"/> is null and Key is ("", name)).</summary>
    public ClusterPolicyKind? ClusterKind { get; init; }

    /// <summary>The cluster-scoped policy to add or replace; null with <see cref="ClusterKind"/> set: delete it.</summary>
    public ClusterPolicyInfo? ClusterPolicy { get; init; }

    public static PolicyEdit Upsert(NetworkPolicyInfo policy) => new(policy.Key, policy);

    public static PolicyEdit Delete(ObjectKey key) => new(key, null);

    public static PolicyEdit Upsert(ClusterPolicyInfo policy) => new(policy.Key, null) { ClusterKind = policy.Kind, ClusterPolicy = policy };

    public static PolicyEdit Delete(ClusterPolicyKind kind, string name) => new(ObjectKey.Cluster(name), null) { ClusterKind = kind };

    public bool IsDelete => Policy is null && ClusterPolicy is null;

    public bool IsClusterPolicy => ClusterKind is not null;

    /// <summary>"dev/allow-80" or "ClusterNetworkPolicy block-db".</summary>
    public string Name => ClusterKind is { } k ? $"{k} {Key.Name}" : Key.ToString();
}
