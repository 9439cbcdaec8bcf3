using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Web.PageModels.Topology;

/// <summary>The Topology page's pick lists of one snapshot, sorted naturally (ns2 before ns10).</summary>
public sealed record TopologyPickLists(ImmutableArray<string> Namespaces, ImmutableArray<string> Pods, ImmutableArray<string> WalkTargets)
{
    public static TopologyPickLists Of(ClusterSnapshot snapshot)
    {
        ImmutableArray<string> pods = [.. snapshot.Pods.Select(p => $"{p.Namespace}/{p.Name}").Order(NaturalStringComparer.Instance)];
        return new TopologyPickLists(
            [.. snapshot.Pods.Select(p => p.Namespace).Distinct().Order(NaturalStringComparer.Instance)],
            pods,
            [
                .. pods,
                .. snapshot.Services.Where(s => s.ClusterIp is not (null or "None")).Select(s => $"svc/{s.Namespace}/{s.Name}").Order(NaturalStringComparer.Instance),
            ]);
    }
}
