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
        && (!HasCalicoPolicies(a) || ReferenceEquals(a.NetworkPolicies, b.NetworkPolicies))
        && (!HasCalicoPolicies(a) || (ReferenceEquals(a.CalicoNetworkSets, b.CalicoNetworkSets) && ReferenceEquals(a.CalicoGlobalNetworkSets, b.CalicoGlobalNetworkSets) && ReferenceEquals(a.ServiceAccounts, b.ServiceAccounts)));

    public string? NetworkPolicyTier(ClusterSnapshot snapshot) => HasCalicoPolicies(snapshot) ? CalicoPolicyCompiler.DefaultTier : null;

    public IEnumerable<IPolicyStage> Stages(ClusterSnapshot snapshot, PolicyCompiler compiler)
    {
        if (!HasCalicoPolicies(snapshot))
        {
            yield break;
        }

        var defaultHasCalico = snapshot.CalicoNetworkPolicies.Concat(snapshot.CalicoGlobalNetworkPolicies)
            .Any(p => (string.IsNullOrEmpty(p.Tier) ? CalicoPolicyCompiler.DefaultTier : p.Tier) == CalicoPolicyCompiler.DefaultTier);
        var evaluator = CalicoTieredEvaluator.Build(snapshot, includeKubernetesPolicies: defaultHasCalico);
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
            yield return new CalicoTierStage(evaluator, tiers[i], order, compiler.Index);
        }
    }

    private static bool HasCalicoPolicies(ClusterSnapshot s) => s.CalicoNetworkPolicies.Count + s.CalicoGlobalNetworkPolicies.Count > 0;

    private static double Before(double? order, int distance) =>
        order is { } o && o < PolicyChain.NetworkPolicyOrder - 1 ? o : PolicyChain.NetworkPolicyOrder - 1 - (distance * 1e-3);

    private static double After(double? order, int distance) =>
        order is { } o && o > PolicyChain.NetworkPolicyOrder + 1 ? o : PolicyChain.NetworkPolicyOrder + 1 + (distance * 1e-3);
}
