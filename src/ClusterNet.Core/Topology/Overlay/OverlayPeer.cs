using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Topology.Overlay;

/// <summary>One other pod in the overlay: its graph element, its state and, when denied, the policies that deny it.</summary>
public sealed record OverlayPeer
{
    public required ObjectKey Pod { get; init; }

    /// <summary>The topology element id ("pod/ns/name").</summary>
    public required string ElementId { get; init; }

    /// <summary>Never <see cref="OverlayState.Origin"/>.</summary>
    public required OverlayState State { get; init; }

    /// <summary>What the upstream conformance tests expect; for implementation-defined peers the plugin may differ.</summary>
    public required bool Allowed { get; init; }

    /// <summary>Policies selecting the side that refuses (egress at the source, ingress at the destination).</summary>
    public ImmutableArray<ObjectKey> DeniedBy { get; init; } = [];

    /// <summary>The Policies page explaining this cell.</summary>
    public required string ExplainLink { get; init; }
}
