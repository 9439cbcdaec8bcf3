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

    public IEnumerable<IPolicyStage> Stages(ClusterSnapshot snapshot, PolicyCompiler compiler) => Assemble(snapshot, compiler, null);

    /// <summary>Policies whose source object is unchanged keep their compiled form (subjects and peer bitsets); the rest compile.</summary>
    public IReadOnlyList<IPolicyStage>? Derive(ClusterSnapshot before, ClusterSnapshot after, IReadOnlyList<IPolicyStage> stages, PolicyCompiler compiler)
    {
        if (!ReferenceEquals(before.Nodes, after.Nodes))
        {
            return null;
        }

        var kept = new Dictionary<ClusterPolicyInfo, CompiledClusterPolicy>(ReferenceEqualityComparer.Instance);
        foreach (var p in stages.OfType<ClusterPolicyStage>().SelectMany(s => s.Policies))
        {
            kept[p.Source] = p;
        }

        return Assemble(after, compiler, kept, stages.OfType<ClusterPolicyStage>().ToList());
    }

    private static List<IPolicyStage> Assemble(ClusterSnapshot snapshot, PolicyCompiler compiler, Dictionary<ClusterPolicyInfo, CompiledClusterPolicy>? kept,
        List<ClusterPolicyStage>? before = null)
    {
        var all = snapshot.ClusterPolicies.ToList();
        var stages = new List<IPolicyStage>();
        if (all.Count == 0)
        {
            return stages;
        }

        var compiled = new CompiledClusterPolicy[all.Count];
        Parallel.For(0, all.Count, i => compiled[i] = kept is not null && kept.TryGetValue(all[i], out var c) ? c : new CompiledClusterPolicy(all[i], compiler));
        foreach (var tier in new[] { ClusterPolicyTier.Admin, ClusterPolicyTier.Baseline })
        {
            var of = compiled.Where(p => p.Source.Tier == tier).ToList();
            if (of.Count == 0)
            {
                continue;
            }

            // A tier whose policies all kept their compiled form keeps its stage (and its per-pod lists).
            var same = before?.FirstOrDefault(st => st.TierKind == tier);
            var unchanged = same is not null && same.Policies.Count == of.Count
                && of.ToHashSet(ReferenceEqualityComparer.Instance).SetEquals(same.Policies);
            stages.Add(unchanged ? same! : same is not null ? same.With(of) : new ClusterPolicyStage(tier, of, compiler.Index));
        }

        return stages;
    }
}
