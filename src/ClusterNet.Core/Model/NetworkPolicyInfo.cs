using System.Collections.Immutable;

namespace ClusterNet.Core.Model;

/// <summary>networking.k8s.io/v1 NetworkPolicy with absent/empty distinctions kept.</summary>
public sealed record NetworkPolicyInfo : IClusterObject
{
    public required string Namespace { get; init; }
    public required string Name { get; init; }
    public string Uid { get; init; } = "";
    public ImmutableDictionary<string, string> Labels { get; init; } = LabelMap.Empty;
    public ImmutableDictionary<string, string> Annotations { get; init; } = LabelMap.Empty;
    public LabelSelector PodSelector { get; init; } = LabelSelector.Everything;
    /// <summary>spec.policyTypes as written; null when absent (the engine applies the defaulting rule).</summary>
    public ImmutableArray<string>? PolicyTypes { get; init; }
    /// <summary>spec.ingress; null when absent.</summary>
    public ImmutableArray<NetworkPolicyRuleInfo>? Ingress { get; init; }
    /// <summary>spec.egress; null when absent.</summary>
    public ImmutableArray<NetworkPolicyRuleInfo>? Egress { get; init; }

    public ObjectKey Key => new(Namespace, Name);
}
