using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Topology;

/// <summary>Which kinds the topology is drawn from could not be read, so their devices, pods or routes are missing or guessed.</summary>
public static class TopologyCompleteness
{
    public static readonly ImmutableArray<string> Kinds =
        [ResourceKind.Nodes, ResourceKind.Pods, ResourceKind.Services, ResourceKind.Endpoints, ResourceKind.DaemonSets, ResourceKind.ConfigMaps, ResourceKind.IpPools];

    /// <summary>
    /// Kinds forbidden, failed or not served. Calico IPPools are optional (a cluster without calico does not serve the
    /// CRD): only a forbidden read of them counts.
    /// </summary>
    public static ImmutableArray<string> MissingKinds(ClusterSnapshot snapshot) =>
    [
        .. Kinds.Where(k => snapshot.StatusOf(k).State is var s && (k == ResourceKind.IpPools
            ? s == KindState.Forbidden
            : s is KindState.Forbidden or KindState.Error or KindState.NotServed)),
    ];
}
