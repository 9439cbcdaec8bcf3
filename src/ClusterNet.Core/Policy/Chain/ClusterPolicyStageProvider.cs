using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy.Chain;

/// <summary>The Admin and Baseline stages from ClusterNetworkPolicies, AdminNetworkPolicies and the BaselineAdminNetworkPolicy.</summary>
internal sealed class ClusterPolicyStageProvider : IPolicyStageProvider
{
    public bool SameInputs(ClusterSnapshot a, ClusterSnapshot b) =>
        ReferenceEquals(a.ClusterNetworkPolicies, b.ClusterNetworkPolicies)
        && ReferenceEquals(a.AdminNetworkPolicies, b.AdminNetworkPolicies)
        && ReferenceEquals(a.BaselineAdminNetworkPolicies, b.BaselineAdminNetworkPolicies)
        // nodes peers resolve against node labels and addresses
        && ReferenceEquals(a.Nodes, b.Nodes);

    public IEnumerable<IPolicyStage> Stages(ClusterSnapshot snapshot, PolicyCompiler compiler)
    {
        var all = snapshot.ClusterPolicies.ToList();
        if (all.Count == 0)
        {
            yield break;
        }

        var compiled = new CompiledClusterPolicy[all.Count];
        Parallel.For(0, all.Count, i => compiled[i] = new CompiledClusterPolicy(all[i], compiler));
        foreach (var tier in new[] { ClusterPolicyTier.Admin, ClusterPolicyTier.Baseline })
        {
            var of = compiled.Where(p => p.Source.Tier == tier).ToList();
            if (of.Count > 0)
            {
                yield return new ClusterPolicyStage(tier, of, compiler.Index);
            }
        }
    }
}
