using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Topology;

/// <summary>
/// The topology of one snapshot: elements and edges to draw, plus the facts routes and packet walks are computed from.
/// Immutable; build with <see cref="TopologyBuilder.Build"/>.
/// </summary>
public sealed record TopologyGraph
{
    public required long Version { get; init; }
    public required SourceInfo Source { get; init; }
    public required TopologyOptions Options { get; init; }
    public required CniDetection Cni { get; init; }
    /// <summary>Set when flannel carries the data path (flannel, canal).</summary>
    public FlannelSettings? Flannel { get; init; }
    /// <summary>Set for calico.</summary>
    public CalicoSettings? Calico { get; init; }
    public required string KubeProxyMode { get; init; }
    public required string KubeProxyModeSource { get; init; }
    public required NodeSubnetInfo NodeSubnets { get; init; }
    /// <summary>MTU pods get (cni0/veth/pod eth0): NIC MTU minus the backend's encapsulation overhead.</summary>
    public required int PodMtu { get; init; }
    public required ImmutableDictionary<string, NodeNetwork> Nodes { get; init; }
    public required ImmutableArray<TopologyElement> Elements { get; init; }
    public required ImmutableArray<TopologyEdge> Edges { get; init; }
    /// <summary>What the topology reveals (area Topology), in the order found.</summary>
    public required ImmutableArray<Findings.Finding> Warnings { get; init; }
    /// <summary>The snapshot the graph was built from (routes and packet walks read pods and Services from it).</summary>
    public required ClusterSnapshot Snapshot { get; init; }
    /// <summary>Pods' Multus secondary interfaces (drawn as secondary-if elements; NetworkPolicy does not apply to them).</summary>
    public Multus.SecondaryNetworks Secondary { get; init; } = Multus.SecondaryNetworks.Empty;

    // Keyed by the array it was built from: a copy made with `with { Elements = ... }` copies this field too, and must not
    // answer from the original's elements.
    private (ImmutableArray<TopologyElement> Of, ImmutableDictionary<string, TopologyElement> Map)? _byId;

    public ImmutableDictionary<string, TopologyElement> ElementsById
    {
        get
        {
            if (_byId is not { } cached || cached.Of != Elements)
            {
                cached = (Elements, Elements.ToImmutableDictionary(e => e.Id, StringComparer.Ordinal));
                _byId = cached;
            }

            return cached.Map;
        }
    }

    public TopologyElement? Element(string id) => ElementsById.GetValueOrDefault(id);
}
