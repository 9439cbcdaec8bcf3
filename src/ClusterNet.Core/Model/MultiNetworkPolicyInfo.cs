using System.Collections.Immutable;

namespace ClusterNet.Core.Model;

/// <summary>
/// A <c>k8s.cni.cncf.io/v1beta1</c> MultiNetworkPolicy (NetworkPolicy for secondary networks, enforced by
/// multi-networkpolicy-iptables when installed). Read and shown, not evaluated.
/// </summary>
public sealed record MultiNetworkPolicyInfo : IClusterObject
{
    public required string Namespace { get; init; }
    public required string Name { get; init; }
    /// <summary>Annotation <c>k8s.v1.cni.cncf.io/policy-for</c>: the networks (NAD names, "ns/name" or "name") it applies to.</summary>
    public ImmutableArray<string> PolicyFor { get; init; } = [];
    public LabelSelector PodSelector { get; init; } = LabelSelector.Everything;
    public ImmutableArray<string> PolicyTypes { get; init; } = [];
    public int IngressRules { get; init; }
    public int EgressRules { get; init; }

    public ObjectKey Key => new(Namespace, Name);
}
