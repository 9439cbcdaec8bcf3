using ClusterNet.Core.Model;
using ClusterNet.Core.Policy.Chain;

namespace ClusterNet.Core.Policy.Calico;

/// <summary>
/// Calico's tiers as chain stages, when the snapshot holds Calico policies. Tiers keep their order relative to the
/// default tier, which sits where the NetworkPolicy stage does (Kubernetes NetworkPolicies live there). When Calico
/// policies share the default tier with Kubernetes NetworkPolicies, the default-tier stage evaluates both in one
/// order (knp.default.* at 1000), so the NetworkPolicy stage after it — same tier — is never reached for those pods:
/// Calico's evaluation replaces it. With no Calico policy in the default tier the NetworkPolicy stage stays as it is
/// (it gives the same answers, checked by CalicoKubernetesEquivalenceTests).
/// </summary>
internal sealed class CalicoStageProvider : IPolicyStageProvider
{
    public bool SameInputs(ClusterSnapshot a, ClusterSnapshot b) =>
        ReferenceEquals(a.CalicoNetworkPolicies, b.CalicoNetworkPolicies)
        && ReferenceEquals(a.CalicoGlobalNetworkPolicies, b.CalicoGlobalNetworkPolicies)
        && ReferenceEquals(a.CalicoTiers, b.CalicoTiers)
        // Kubernetes NetworkPolicies enter the model only when the default tier holds Calico policies.
        && (!DefaultHasCalico(a) || ReferenceEquals(a.NetworkPolicies, b.NetworkPolicies))
        && (!HasCalicoPolicies(a) || (ReferenceEquals(a.CalicoNetworkSets, b.CalicoNetworkSets) && ReferenceEquals(a.CalicoGlobalNetworkSets, b.CalicoGlobalNetworkSets) && ReferenceEquals(a.ServiceAccounts, b.ServiceAccounts)));

    public string? NetworkPolicyTier(ClusterSnapshot snapshot) => HasCalicoPolicies(snapshot) ? CalicoPolicyCompiler.DefaultTier : null;

    public IEnumerable<IPolicyStage> Stages(ClusterSnapshot snapshot, PolicyCompiler compiler)
    {
        if (!HasCalicoPolicies(snapshot))
        {
            return [];
        }

        var evaluator = CalicoTieredEvaluator.Build(snapshot, includeKubernetesPolicies: DefaultHasCalico(snapshot));
        return StagesOf(evaluator, new CalicoBitIndex(compiler.Index, evaluator));
    }

    /// <summary>
    /// With the same pods and ServiceAccounts and the same answer to "does the default tier hold Calico policies" (which
    /// decides whether Kubernetes NetworkPolicies enter the model), only changed policies compile again and the others
    /// keep their bitsets. Tier objects may differ (tiers are regrouped; compiled policies do not depend on them), and
    /// network sets may (policies whose rules pick a changed set compile again, see <see cref="CalicoTieredEvaluator"/>).
    /// </summary>
    public IReadOnlyList<IPolicyStage>? Derive(ClusterSnapshot before, ClusterSnapshot after, IReadOnlyList<IPolicyStage> stages, PolicyCompiler compiler)
    {
        // Everything the model reads besides policies, tiers and network sets (whatever else SameInputs lists) is unchanged.
        var samePolicies = before with
        {
            CalicoNetworkPolicies = after.CalicoNetworkPolicies,
            CalicoGlobalNetworkPolicies = after.CalicoGlobalNetworkPolicies,
            NetworkPolicies = after.NetworkPolicies,
            CalicoTiers = after.CalicoTiers,
            CalicoNetworkSets = after.CalicoNetworkSets,
            CalicoGlobalNetworkSets = after.CalicoGlobalNetworkSets,
        };
        if (stages.OfType<CalicoTierStage>().FirstOrDefault() is not { } previous || !HasCalicoPolicies(after)
            || !SameInputs(samePolicies, after) || DefaultHasCalico(before) != DefaultHasCalico(after)
            || !ReferenceEquals(previous.Bits.Index, compiler.Index))
        {
            return null;
        }

        var evaluator = previous.Evaluator.Derive(after, includeKubernetesPolicies: DefaultHasCalico(after));
        return StagesOf(evaluator, previous.Bits.Keep(evaluator.Tiers.SelectMany(t => t.Policies)));
    }

    private static List<IPolicyStage> StagesOf(CalicoTieredEvaluator evaluator, CalicoBitIndex bits)
    {
        var stages = new List<IPolicyStage>();
        var tiers = evaluator.Tiers;
        var defaultAt = tiers.Select((t, i) => (t, i)).First(x => x.t.Name == CalicoPolicyCompiler.DefaultTier).i;
        for (var i = 0; i < tiers.Length; i++)
        {
            if (tiers[i].Policies.IsEmpty)
            {
                continue;
            }

            // Before the NetworkPolicy stage for the default tier and the tiers before it; after it for the rest.
            var order = i < defaultAt ? Before(tiers[i].Order, defaultAt - i)
                : i == defaultAt ? PolicyChain.NetworkPolicyOrder - 1e-6
                : After(tiers[i].Order, i - defaultAt);
            stages.Add(new CalicoTierStage(evaluator, tiers[i], order, bits));
        }

        return stages;
    }

    private static bool DefaultHasCalico(ClusterSnapshot snapshot) => snapshot.CalicoNetworkPolicies.Concat(snapshot.CalicoGlobalNetworkPolicies)
        .Any(p => (string.IsNullOrEmpty(p.Tier) ? CalicoPolicyCompiler.DefaultTier : p.Tier) == CalicoPolicyCompiler.DefaultTier);

    private static bool HasCalicoPolicies(ClusterSnapshot s) => s.CalicoNetworkPolicies.Count + s.CalicoGlobalNetworkPolicies.Count > 0;

    private static double Before(double? order, int distance) =>
        order is { } o && o < PolicyChain.NetworkPolicyOrder - 1 ? o : PolicyChain.NetworkPolicyOrder - 1 - (distance * 1e-3);

    private static double After(double? order, int distance) =>
        order is { } o && o > PolicyChain.NetworkPolicyOrder + 1 ? o : PolicyChain.NetworkPolicyOrder + 1 + (distance * 1e-3);
}
