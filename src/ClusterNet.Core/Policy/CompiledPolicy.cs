using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy;

/// <summary>A NetworkPolicy compiled against one pod index: the pods it selects and its rules as pod sets.</summary>
internal sealed class CompiledPolicy
{
    public required NetworkPolicyInfo Source { get; init; }
    public ObjectKey Key => Source.Key;
    public required CompiledSelector PodSelector { get; init; }
    /// <summary>Pods in the policy's namespace matched by spec.podSelector (hostNetwork pods included; the engine ignores them).</summary>
    public required PodSet Selected { get; init; }
    /// <summary>policyTypes after defaulting: Ingress always, Egress when spec.egress has rules.</summary>
    public required bool AffectsIngress { get; init; }
    public required bool AffectsEgress { get; init; }
    public required bool PolicyTypesDefaulted { get; init; }
    public required ImmutableArray<CompiledRule> IngressRules { get; init; }
    public required ImmutableArray<CompiledRule> EgressRules { get; init; }
}
