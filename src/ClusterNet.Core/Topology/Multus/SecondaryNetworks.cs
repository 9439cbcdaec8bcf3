using System.Collections.Immutable;
using ClusterNet.Core.Findings;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Topology.Multus;

/// <summary>Every pod's secondary interfaces in one snapshot, and what reading them revealed.</summary>
public sealed record SecondaryNetworks(
    ImmutableDictionary<ObjectKey, ImmutableArray<SecondaryInterface>> ByPod,
    ImmutableArray<Finding> Findings)
{
    public static SecondaryNetworks Empty { get; } = new(ImmutableDictionary<ObjectKey, ImmutableArray<SecondaryInterface>>.Empty, []);

    public ImmutableArray<SecondaryInterface> Of(ObjectKey pod) => ByPod.TryGetValue(pod, out var list) ? list : [];
}
