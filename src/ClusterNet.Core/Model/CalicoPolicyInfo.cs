using System.Collections.Immutable;

namespace ClusterNet.Core.Model;

/// <summary>
/// Calico NetworkPolicy or GlobalNetworkPolicy (projectcalico.org/v3; crd.projectcalico.org/v1 has the same spec).
/// Namespace is empty for a GlobalNetworkPolicy. Selectors are strings in Calico's expression language, as written.
/// </summary>
public sealed record CalicoPolicyInfo : IClusterObject
{
    public required CalicoPolicyKind Kind { get; init; }
    public string Namespace { get; init; } = "";
    public required string Name { get; init; }
    /// <summary>spec.tier; "default" when absent.</summary>
    public string Tier { get; init; } = "default";
    /// <summary>spec.order; null (absent) sorts after every number.</summary>
    public double? Order { get; init; }
    /// <summary>spec.selector; empty or absent means all().</summary>
    public string? Selector { get; init; }
    /// <summary>spec.namespaceSelector (GlobalNetworkPolicy only).</summary>
    public string? NamespaceSelector { get; init; }
    public string? ServiceAccountSelector { get; init; }
    /// <summary>spec.types as written (Ingress, Egress); null when absent (the engine applies Calico's default).</summary>
    public ImmutableArray<string>? Types { get; init; }
    public ImmutableArray<CalicoRuleInfo> Ingress { get; init; } = [];
    public ImmutableArray<CalicoRuleInfo> Egress { get; init; } = [];
    /// <summary>Host-endpoint features set on the policy (preDNAT, applyOnForward, doNotTrack): not modelled, reported.</summary>
    public ImmutableArray<string> HostEndpointFeatures { get; init; } = [];

    public ObjectKey Key => Kind == CalicoPolicyKind.GlobalNetworkPolicy ? ObjectKey.Cluster(Name) : new ObjectKey(Namespace, Name);

    /// <summary>"NetworkPolicy ns/name" or "GlobalNetworkPolicy name".</summary>
    public string DisplayName => Kind == CalicoPolicyKind.GlobalNetworkPolicy ? $"GlobalNetworkPolicy {Name}" : $"NetworkPolicy {Namespace}/{Name}";
}
