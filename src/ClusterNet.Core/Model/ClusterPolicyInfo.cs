using System.Collections.Immutable;

namespace ClusterNet.Core.Model;

/// <summary>
/// A cluster-scoped policy of policy.networking.k8s.io: ClusterNetworkPolicy (v1alpha2), AdminNetworkPolicy or
/// BaselineAdminNetworkPolicy (v1alpha1). One record for the three because they share the evaluation model
/// (tier, priority, subject, ordered rules); <see cref="Kind"/> says which it was and how to name it.
/// </summary>
public sealed record ClusterPolicyInfo : IClusterObject
{
    public required ClusterPolicyKind Kind { get; init; }
    public required string Name { get; init; }
    public string Uid { get; init; } = "";
    public ImmutableDictionary<string, string> Labels { get; init; } = LabelMap.Empty;
    public ImmutableDictionary<string, string> Annotations { get; init; } = LabelMap.Empty;
    public required ClusterPolicyTier Tier { get; init; }
    /// <summary>spec.priority; null for BaselineAdminNetworkPolicy (it has none) and when absent or unreadable.</summary>
    public int? Priority { get; init; }
    public ClusterPolicySubjectInfo Subject { get; init; } = new();
    public ImmutableArray<ClusterPolicyRuleInfo> Ingress { get; init; } = [];
    public ImmutableArray<ClusterPolicyRuleInfo> Egress { get; init; } = [];

    /// <summary>Cluster-scoped: the namespace is empty.</summary>
    public ObjectKey Key => new("", Name);

    /// <summary>"ClusterNetworkPolicy block-db", as explanations and findings name it.</summary>
    public string DisplayName => $"{Kind} {Name}";
}
