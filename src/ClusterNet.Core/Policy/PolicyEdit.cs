using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy;

/// <summary>A what-if edit: add or replace a policy (Policy set), or delete one by key (Policy null).</summary>
public sealed record PolicyEdit(ObjectKey Key, NetworkPolicyInfo? Policy)
{
    public static PolicyEdit Upsert(NetworkPolicyInfo policy) => new(policy.Key, policy);

    public static PolicyEdit Delete(ObjectKey key) => new(key, null);

    public bool IsDelete => Policy is null;
}
