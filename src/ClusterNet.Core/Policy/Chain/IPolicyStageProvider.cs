using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy.Chain;

/// <summary>Builds a policy family's stages for one snapshot (none when the snapshot has none of its policies).</summary>
internal interface IPolicyStageProvider
{
    /// <summary>The stages, each placed by its <see cref="IPolicyStage.Order"/>.</summary>
    IEnumerable<IPolicyStage> Stages(ClusterSnapshot snapshot, PolicyCompiler compiler);

    /// <summary>
    /// The tier the NetworkPolicy stage belongs to for Pass, when this family says so (Calico: its "default" tier,
    /// where Kubernetes NetworkPolicies sit at order 1000); null to leave it alone ("NetworkPolicy").
    /// </summary>
    string? NetworkPolicyTier(ClusterSnapshot snapshot) => null;

    /// <summary>
    /// Do two snapshots (with the same pods and namespaces) hold the same inputs for this family's stages? The store
    /// keeps unchanged kinds by reference, so comparing the collections by reference is enough.
    /// </summary>
    bool SameInputs(ClusterSnapshot a, ClusterSnapshot b);

    /// <summary>
    /// The stages for <paramref name="after"/> derived from <paramref name="stages"/>, this family's stages built for
    /// <paramref name="before"/> (same pods and namespaces), recompiling only the policies that changed; null when the
    /// change is not one the family can derive (the chain then builds the family's stages afresh).
    /// </summary>
    IReadOnlyList<IPolicyStage>? Derive(ClusterSnapshot before, ClusterSnapshot after, IReadOnlyList<IPolicyStage> stages, PolicyCompiler compiler) => null;
}
