using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy;

/// <summary>
/// A what-if edit: add or replace a NetworkPolicy (Policy set), or delete one by key (Policy null); or the same for a
/// cluster-scoped policy (<see cref="ClusterKind"/> set: ClusterNetworkPolicy, AdminNetworkPolicy, BaselineAdminNetworkPolicy)
/// or a Calico policy (<see cref="CalicoKind"/> set: projectcalico.org/v3 NetworkPolicy or GlobalNetworkPolicy), or a
/// Calico Tier, NetworkSet or GlobalNetworkSet (<see cref="CalicoResource"/> set), which change how Calico's policies evaluate.
/// </summary>
public sealed record PolicyEdit(ObjectKey Key, NetworkPolicyInfo? Policy)
{
    /// <summary>Set for an edit of a cluster-scoped policy (then <see cref="Policy"/> is null and Key is ("", name)).</summary>
    public ClusterPolicyKind? ClusterKind { get; init; }

    /// <summary>The cluster-scoped policy to add or replace; null with <see cref="ClusterKind"/> set: delete it.</summary>
    public ClusterPolicyInfo? ClusterPolicy { get; init; }

    /// <summary>Set for an edit of a Calico policy (Key is (namespace, name), or ("", name) for a GlobalNetworkPolicy).</summary>
    public CalicoPolicyKind? CalicoKind { get; init; }

    /// <summary>The Calico policy to add or replace; null with <see cref="CalicoKind"/> set: delete it.</summary>
    public CalicoPolicyInfo? CalicoPolicy { get; init; }

    /// <summary>Set for an edit of a Calico Tier or network set (Key is ("", name), or (namespace, name) for a NetworkSet).</summary>
    public CalicoResourceKind? CalicoResource { get; init; }

    /// <summary>The Tier to add or replace; null with <see cref="CalicoResource"/> Tier: delete it.</summary>
    public CalicoTierInfo? Tier { get; init; }

    /// <summary>The NetworkSet or GlobalNetworkSet to add or replace; null with <see cref="CalicoResource"/> a set kind: delete it.</summary>
    public CalicoNetworkSetInfo? NetworkSet { get; init; }

    public static PolicyEdit Upsert(NetworkPolicyInfo policy) => new(policy.Key, policy);

    public static PolicyEdit Upsert(CalicoTierInfo tier) => new(tier.Key, null) { CalicoResource = CalicoResourceKind.Tier, Tier = tier };

    public static PolicyEdit Upsert(CalicoNetworkSetInfo set) => new(set.Key, null) { CalicoResource = KindOf(set.Kind), NetworkSet = set };

    /// <summary>Deletes a Tier or GlobalNetworkSet by ("", name), a NetworkSet by (namespace, name).</summary>
    public static PolicyEdit Delete(CalicoResourceKind kind, ObjectKey key) => new(key, null) { CalicoResource = kind };

    private static CalicoResourceKind KindOf(CalicoNetworkSetKind kind) =>
        kind == CalicoNetworkSetKind.GlobalNetworkSet ? CalicoResourceKind.GlobalNetworkSet : CalicoResourceKind.NetworkSet;

    public static PolicyEdit Delete(ObjectKey key) => new(key, null);

    public static PolicyEdit Upsert(ClusterPolicyInfo policy) => new(policy.Key, null) { ClusterKind = policy.Kind, ClusterPolicy = policy };

    public static PolicyEdit Delete(ClusterPolicyKind kind, string name) => new(ObjectKey.Cluster(name), null) { ClusterKind = kind };

    public static PolicyEdit Upsert(CalicoPolicyInfo policy) => new(policy.Key, null) { CalicoKind = policy.Kind, CalicoPolicy = policy };

    /// <summary>Deletes a Calico policy: a GlobalNetworkPolicy by ("", name), a NetworkPolicy by (namespace, name).</summary>
    public static PolicyEdit Delete(CalicoPolicyKind kind, ObjectKey key) => new(key, null) { CalicoKind = kind };

    public bool IsDelete => Policy is null && ClusterPolicy is null && CalicoPolicy is null && Tier is null && NetworkSet is null;

    public bool IsClusterPolicy => ClusterKind is not null;

    public bool IsCalicoPolicy => CalicoKind is not null;

    /// <summary>Is this an edit of a Calico Tier, NetworkSet or GlobalNetworkSet (not of a policy)?</summary>
    public bool IsCalicoResource => CalicoResource is not null;

    /// <summary>"dev/allow-80", "ClusterNetworkPolicy block-db", "GlobalNetworkPolicy deny-db", "Calico NetworkPolicy dev/x", "Tier security" or "NetworkSet dev/partners".</summary>
    public string Name => ClusterKind is { } k ? $"{k} {Key.Name}"
        : CalicoKind is { } c ? CalicoName(c, Key)
        : CalicoResource is { } r ? $"{r} {(r == CalicoResourceKind.NetworkSet ? Key.ToString() : Key.Name)}"
        : Key.ToString();

    /// <summary>Calico's namespaced kind shares its name with Kubernetes': say which.</summary>
    internal static string CalicoName(CalicoPolicyKind kind, ObjectKey key) =>
        kind == CalicoPolicyKind.GlobalNetworkPolicy ? $"GlobalNetworkPolicy {key.Name}" : $"Calico NetworkPolicy {key}";
}
