using System.Collections.Immutable;
using ClusterNet.Core.Findings;
using ClusterNet.Core.Topology;
using ClusterNet.Web.PageModels.Topology;

namespace ClusterNet.Web.Topology;

/// <summary>What the details drawer shows for one graph element: its facts, links, findings, the node's predicted routes.</summary>
public sealed record TopologyElementFacts
{
    public required TopologyElement Element { get; init; }
    /// <summary>"hostNetwork pod", "kube-ipvs0", or the kind.</summary>
    public required string KindName { get; init; }
    /// <summary>Up to 40 links, worded "→ peer" / "← peer" with the edge label.</summary>
    public required ImmutableArray<LinkLine> Links { get; init; }
    public required ImmutableArray<Finding> Findings { get; init; }
    public NodeRouteTable? Routes { get; init; }
    /// <summary>The walk endpoint the element stands for (ns/pod, svc/ns/name); null: no walk buttons.</summary>
    public string? WalkEnd { get; init; }
    /// <summary>Pods and their veths can send; Services only receive.</summary>
    public bool CanBeSource { get; init; }

    public sealed record LinkLine(string Kind, string Text);

    /// <summary>Null when <paramref name="id"/> is not in the graph (deleted, or filtered out of the cluster).</summary>
    public static TopologyElementFacts? For(TopologyGraph graph, string id)
    {
        if (graph.Element(id) is not { } element)
        {
            return null;
        }

        string Label(string other) => graph.Element(other)?.Label ?? other;
        return new TopologyElementFacts
        {
            Element = element,
            KindName = element.Kind switch
            {
                ElementKind.HostNetworkPod => "hostNetwork pod",
                ElementKind.Ipvs => "kube-ipvs0",
                _ => element.Kind,
            },
            Links =
            [
                .. graph.Edges.Where(e => e.Source == id || e.Target == id).Take(40).Select(e => new LinkLine(e.Kind,
                    (e.Source == id ? "→ " + Label(e.Target) : "← " + Label(e.Source)) + (e.Label.Length > 0 ? $" ({e.Label})" : ""))),
            ],
            Findings = [.. graph.Warnings.Where(w => w.ElementId == id)],
            Routes = element.Node is { } node ? RoutePredictor.Predict(graph, node) : null,
            WalkEnd = TopologyPageModel.WalkEndOf(element),
            CanBeSource = element.Kind is ElementKind.Pod or ElementKind.HostNetworkPod or ElementKind.Veth,
        };
    }
}
