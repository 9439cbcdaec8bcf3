using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy;

/// <summary>
/// Parses what a what-if delete names, shared by `clusternet reach --without` and the REST/page what-if: NS/NAME (a
/// NetworkPolicy, as before), KIND/NAME for the cluster-scoped kinds and GlobalNetworkPolicy, CalicoNetworkPolicy/NS/NAME
/// for Calico's namespaced kind (its own name would read as a namespace "NetworkPolicy"), NetworkPolicy/NS/NAME too;
/// Calico's Tier/NAME, GlobalNetworkSet/NAME and NetworkSet/NS/NAME. Kinds are matched exactly: namespaces are lower-case DNS labels, so "ClusterNetworkPolicy/x" is never a NetworkPolicy.
/// </summary>
public static class PolicyDeleteKey
{
    public const string CalicoNetworkPolicy = "CalicoNetworkPolicy";
    public const string Expected = "expected NAMESPACE/NAME or KIND/NAME (KIND: ClusterNetworkPolicy, AdminNetworkPolicy, BaselineAdminNetworkPolicy, GlobalNetworkPolicy, Tier, GlobalNetworkSet; CalicoNetworkPolicy/NAMESPACE/NAME, NetworkSet/NAMESPACE/NAME)";

    /// <summary>The edit, or null with <paramref name="error"/> saying what was expected.</summary>
    public static PolicyEdit? Parse(string text, out string? error)
    {
        error = null;
        var parts = text.Split('/');
        if (parts.Any(p => p.Length == 0))
        {
            error = Expected;
            return null;
        }

        switch (parts.Length)
        {
            case 2 when Enum.TryParse<ClusterPolicyKind>(parts[0], ignoreCase: false, out var kind) && Enum.IsDefined(kind) && !char.IsDigit(parts[0][0]):
                return PolicyEdit.Delete(kind, parts[1]);
            case 2 when parts[0] == nameof(CalicoPolicyKind.GlobalNetworkPolicy):
                return PolicyEdit.Delete(CalicoPolicyKind.GlobalNetworkPolicy, ObjectKey.Cluster(parts[1]));
            case 2 when parts[0] is nameof(CalicoResourceKind.Tier) or nameof(CalicoResourceKind.GlobalNetworkSet):
                return PolicyEdit.Delete(Enum.Parse<CalicoResourceKind>(parts[0]), ObjectKey.Cluster(parts[1]));
            case 3 when parts[0] == nameof(CalicoResourceKind.NetworkSet):
                return PolicyEdit.Delete(CalicoResourceKind.NetworkSet, new ObjectKey(parts[1], parts[2]));
            case 2 when !parts[0].Any(char.IsUpper):
                return PolicyEdit.Delete(new ObjectKey(parts[0], parts[1]));
            case 3 when parts[0] == CalicoNetworkPolicy:
                return PolicyEdit.Delete(CalicoPolicyKind.NetworkPolicy, new ObjectKey(parts[1], parts[2]));
            case 3 when parts[0] == "NetworkPolicy":
                return PolicyEdit.Delete(new ObjectKey(parts[1], parts[2]));
            default:
                error = Expected;
                return null;
        }
    }

    /// <summary>Whether the edit's target is in the snapshot (or added by an earlier edit in <paramref name="earlier"/>).</summary>
    public static bool Exists(ClusterSnapshot snapshot, PolicyEdit delete, IEnumerable<PolicyEdit> earlier)
    {
        bool Same(PolicyEdit e) => e.Key == delete.Key && e.ClusterKind == delete.ClusterKind && e.CalicoKind == delete.CalicoKind
            && e.CalicoResource == delete.CalicoResource && !e.IsDelete;
        if (earlier.Any(Same))
        {
            return true;
        }

        return delete.ClusterKind is { } k ? PolicyEngine.ClusterPoliciesOf(snapshot, k).ByKey.ContainsKey(delete.Key)
            : delete.CalicoKind is { } c ? PolicyEngine.CalicoPoliciesOf(snapshot, c).ByKey.ContainsKey(delete.Key)
            : delete.IsCalicoResource ? CalicoResourceEdits.Exists(snapshot, delete)
            : snapshot.NetworkPolicies.ByKey.ContainsKey(delete.Key);
    }

    /// <summary>"NetworkPolicy dev/x", "ClusterNetworkPolicy block-db", "GlobalNetworkPolicy deny-db", "Calico NetworkPolicy dev/x".</summary>
    public static string Describe(PolicyEdit e) => e.ClusterKind is null && e.CalicoKind is null && e.CalicoResource is null ? $"NetworkPolicy {e.Key}" : e.Name;
}
