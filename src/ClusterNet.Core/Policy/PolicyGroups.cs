namespace ClusterNet.Core.Policy;

/// <summary>
/// Pods numbered by the exact list of policies isolating them (per direction): pods of one group share their
/// allowed-peer sets, so a layer computes one union per group instead of one per pod.
/// </summary>
internal sealed class PolicyGroups
{
    public PolicyGroups(PolicyEngine engine)
    {
        var n = engine.Index.PodCount;
        IngressGroup = new int[n];
        EgressGroup = new int[n];
        var ingress = new Dictionary<string, int>(StringComparer.Ordinal);
        var egress = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var p = 0; p < n; p++)
        {
            IngressGroup[p] = Group(ingress, engine.IngressPoliciesOf(p));
            EgressGroup[p] = Group(egress, engine.EgressPoliciesOf(p));
        }
    }

    public int[] IngressGroup { get; }

    public int[] EgressGroup { get; }

    /// <summary>The group number of a policy list in <paramref name="groups"/> (numbered as first seen); -1 for none.</summary>
    internal static int Group(Dictionary<string, int> groups, int[] policies)
    {
        if (policies.Length == 0)
        {
            return -1;
        }

        var key = string.Join(',', policies);
        if (!groups.TryGetValue(key, out var id))
        {
            groups[key] = id = groups.Count;
        }

        return id;
    }
}
