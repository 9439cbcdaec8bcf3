using System.Collections.Immutable;
using ClusterNet.Core.Model;
using ClusterNet.Core.Topology;
using ClusterNet.Web.Snapshots;

namespace ClusterNet.Web.PageModels.Topology;

/// <summary>
/// The Topology page's pickers for one snapshot, in natural order: namespaces, nodes, pods ("ns/name") and walk targets
/// (pods, then "svc/ns/name" of Services with a ClusterIP). 20,000 strings at 10k pods: built once per snapshot and
/// shared by every circuit, not once per circuit and render.
/// </summary>
public sealed record TopologyLists(ImmutableArray<string> Namespaces, ImmutableArray<string> Nodes, ImmutableArray<string> Pods, ImmutableArray<string> WalkTargets)
{
    public static TopologyLists Of(ClusterSnapshot snapshot, TopologyGraph graph)
    {
        ImmutableArray<string> pods = [.. snapshot.Pods.Select(p => $"{p.Namespace}/{p.Name}").Order(NaturalStringComparer.Instance)];
        return new TopologyLists(
            [.. snapshot.Pods.Select(p => p.Namespace).Distinct().Order(NaturalStringComparer.Instance)],
            [.. graph.Nodes.Keys.Order(NaturalStringComparer.Instance)],
            pods,
            [
                .. pods,
                .. snapshot.Services.Where(s => s.ClusterIp is not (null or "None")).Select(s => $"svc/{s.Namespace}/{s.Name}").Order(NaturalStringComparer.Instance),
            ]);
    }

    /// <summary>The pod strings are shared by <see cref="Pods"/> and <see cref="WalkTargets"/>: counted once.</summary>
    public long ApproximateBytes =>
        ApproximateSize.Strings(Namespaces) + ApproximateSize.Strings(Nodes) + ApproximateSize.Strings(Pods) + (8L * Pods.Length)
        + ApproximateSize.Strings(WalkTargets.Skip(Pods.Length));
}
