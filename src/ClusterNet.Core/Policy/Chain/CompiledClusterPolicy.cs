using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy.Chain;

/// <summary>A cluster policy compiled against one pod index: its subject pods and its rules in order.</summary>
internal sealed class CompiledClusterPolicy
{
    public CompiledClusterPolicy(ClusterPolicyInfo source, PolicyCompiler compiler)
    {
        Source = source;
        var index = compiler.Index;
        Subject = new PodSet(index.PodCount);
        HostNetworkSubjects = new PodSet(index.PodCount);
        if (source.Subject.Valid)
        {
            var namespaces = compiler.NamespacesMatching(CompiledSelector.Compile(source.Subject.NamespaceSelector));
            var pods = CompiledSelector.Compile(source.Subject.PodSelector ?? LabelSelector.Everything);
            for (var n = 0; n < namespaces.Length; n++)
            {
                if (namespaces[n])
                {
                    Subject.UnionWith(compiler.PodsMatching(pods, n));
                }
            }

            // Like NetworkPolicy, these policies do not apply to hostNetwork pods (the explanation says so).
            for (var i = 0; i < index.PodCount; i++)
            {
                if (index.HostNetwork[i] && Subject.Has(i))
                {
                    Subject.Remove(i);
                    HostNetworkSubjects.Add(i);
                }
            }
        }

        IngressRules = [.. source.Ingress.Select((r, k) => new CompiledClusterRule(r, k, true, compiler))];
        EgressRules = [.. source.Egress.Select((r, k) => new CompiledClusterRule(r, k, false, compiler))];
    }

    public ClusterPolicyInfo Source { get; }
    public PodSet Subject { get; }
    /// <summary>hostNetwork pods the subject selectors match (the policy does not apply to them).</summary>
    public PodSet HostNetworkSubjects { get; }
    public ImmutableArray<CompiledClusterRule> IngressRules { get; }
    public ImmutableArray<CompiledClusterRule> EgressRules { get; }

    /// <summary>Evaluation order within the tier: priority (missing → after every valid one; BANP has none and comes last).</summary>
    public long SortPriority => Source.Kind == ClusterPolicyKind.BaselineAdminNetworkPolicy ? long.MaxValue : Source.Priority ?? 100_000;

    /// <summary>"ClusterNetworkPolicy `block-db` priority 10".</summary>
    public string Text => Source.Priority is { } p && Source.Kind != ClusterPolicyKind.BaselineAdminNetworkPolicy
        ? $"{Source.Kind} `{Source.Name}` priority {p}"
        : $"{Source.Kind} `{Source.Name}`";

    public ImmutableArray<CompiledClusterRule> Rules(bool ingress) => ingress ? IngressRules : EgressRules;
}
