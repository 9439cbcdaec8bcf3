using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy;

/// <summary>
/// What-if edits of Calico Tiers, NetworkSets and GlobalNetworkSets on a snapshot: add or replace one (by kind and key)
/// or delete it. Shared by <see cref="PolicyWhatIf"/>, <see cref="PolicyEngine.WithCalicoResource"/> and
/// <see cref="PolicyDeleteKey"/>.
/// </summary>
public static class CalicoResourceEdits
{
    /// <summary>The snapshot with the edit applied (a delete of a missing object changes nothing).</summary>
    public static ClusterSnapshot Apply(ClusterSnapshot s, PolicyEdit edit)
    {
        switch (edit.CalicoResource)
        {
            case CalicoResourceKind.Tier:
                return s with { CalicoTiers = KindCollection<CalicoTierInfo>.From(s.CalicoTiers.Where(t => t.Key != edit.Key).Concat(edit.Tier is { } t ? [t] : [])) };
            case CalicoResourceKind.NetworkSet or CalicoResourceKind.GlobalNetworkSet:
                var global = edit.CalicoResource == CalicoResourceKind.GlobalNetworkSet;
                var sets = KindCollection<CalicoNetworkSetInfo>.From((global ? s.CalicoGlobalNetworkSets : s.CalicoNetworkSets)
                    .Where(n => n.Key != edit.Key).Concat(edit.NetworkSet is { } n ? [n] : []));
                return global ? s with { CalicoGlobalNetworkSets = sets } : s with { CalicoNetworkSets = sets };
            default:
                throw new ArgumentException($"{edit.Name} is not a Calico Tier or network set edit", nameof(edit));
        }
    }

    /// <summary>Whether the snapshot holds the object the edit names.</summary>
    public static bool Exists(ClusterSnapshot s, PolicyEdit edit) => edit.CalicoResource switch
    {
        CalicoResourceKind.Tier => s.CalicoTiers.ByKey.ContainsKey(edit.Key),
        CalicoResourceKind.NetworkSet => s.CalicoNetworkSets.ByKey.ContainsKey(edit.Key),
        CalicoResourceKind.GlobalNetworkSet => s.CalicoGlobalNetworkSets.ByKey.ContainsKey(edit.Key),
        _ => false,
    };
}
