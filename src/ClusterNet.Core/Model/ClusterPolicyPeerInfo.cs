using System.Collections.Immutable;

namespace ClusterNet.Core.Model;

/// <summary>
/// One from/to peer of a cluster policy rule. Exactly one kind is meant to be set: namespaces, pods (namespace AND pod
/// selector), nodes, networks (CIDRs, which match pod IPs too), domainNames (egress to external names only).
/// </summary>
public sealed record ClusterPolicyPeerInfo
{
    public LabelSelector? Namespaces { get; init; }
    public LabelSelector? PodsNamespaceSelector { get; init; }
    public LabelSelector? PodsPodSelector { get; init; }
    public LabelSelector? Nodes { get; init; }
    /// <summary>CIDRs as written; unparseable ones are reported by the source and match nothing.</summary>
    public ImmutableArray<string> Networks { get; init; } = [];
    public ImmutableArray<string> DomainNames { get; init; } = [];
}
