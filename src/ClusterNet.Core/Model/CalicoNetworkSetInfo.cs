using System.Collections.Immutable;

namespace ClusterNet.Core.Model;

/// <summary>
/// Calico NetworkSet or GlobalNetworkSet: labelled CIDRs outside the pod set. A rule's selector that matches the set's
/// labels matches the addresses in its nets (Calico builds the rule's IP set from endpoints and network sets alike).
/// Namespace is empty for a GlobalNetworkSet.
/// </summary>
public sealed record CalicoNetworkSetInfo : IClusterObject
{
    public required CalicoNetworkSetKind Kind { get; init; }
    public string Namespace { get; init; } = "";
    public required string Name { get; init; }
    public ImmutableDictionary<string, string> Labels { get; init; } = LabelMap.Empty;
    /// <summary>spec.nets as written (CIDRs or bare addresses); bad entries are reported by the mapper and match nothing.</summary>
    public ImmutableArray<string> Nets { get; init; } = [];
    /// <summary>spec.allowedEgressDomains (Calico Enterprise) as written: not modelled; verdicts and lint say so where it may matter.</summary>
    public ImmutableArray<string> AllowedEgressDomains { get; init; } = [];

    public bool IsGlobal => Kind == CalicoNetworkSetKind.GlobalNetworkSet;

    public ObjectKey Key => IsGlobal ? ObjectKey.Cluster(Name) : new ObjectKey(Namespace, Name);

    /// <summary>"NetworkSet ns/name" or "GlobalNetworkSet name".</summary>
    public string DisplayName => IsGlobal ? $"GlobalNetworkSet {Name}" : $"NetworkSet {Namespace}/{Name}";
}
