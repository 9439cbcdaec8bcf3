using ClusterNet.Core.Queries;

namespace ClusterNet.Core.Topology.Overlay;

/// <summary>
/// The reachability overlay asked for: in the page URL <c>overlay=from|to&amp;oport=80&amp;oproto=TCP&amp;opod=ns/pod</c>,
/// parsed by <see cref="OverlayQueryParser"/>.
/// </summary>
/// <param name="Direction">Null: overlay off.</param>
/// <param name="Pod">"ns/name" as typed; null means the pod selected on the graph.</param>
public sealed record OverlayQuery(OverlayDirection? Direction, int Port, string Protocol, string? Pod)
{
    public static OverlayQuery Off { get; } = new(null, QueryDefaults.Port, QueryDefaults.Protocol, null);
}
