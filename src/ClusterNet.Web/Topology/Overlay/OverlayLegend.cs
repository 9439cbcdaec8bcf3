using System.Collections.Immutable;

namespace ClusterNet.Web.Topology.Overlay;

/// <summary>
/// The legend under the overlay. The marks are also drawn after the pod labels on the graph, so the colours can be
/// told apart without colour vision or in a grey-scale print.
/// </summary>
public static class OverlayLegend
{
    public const string AllowedMark = "✓";
    public const string DeniedMark = "✗";
    public const string DependsMark = "~";
    public const string OriginMark = "◎";

    public static ImmutableArray<OverlayLegendItem> For(ReachabilityOverlay overlay)
    {
        var reach = overlay.Direction == OverlayDirection.From ? $"reachable from {overlay.Pod}" : $"can reach {overlay.Pod}";
        var probe = ReachabilityOverlayBuilder.ProbeText(overlay.Probe);
        return
        [
            new(OverlayState.Allowed, AllowedMark, $"{reach} on {probe} ({overlay.AllowedCount})", overlay.AllowedCount),
            new(OverlayState.Denied, DeniedMark, $"denied by a NetworkPolicy ({overlay.DeniedCount})", overlay.DeniedCount),
            new(OverlayState.Depends, DependsMark, $"implementation-defined: depends on the CNI ({overlay.DependsCount})", overlay.DependsCount),
            new(OverlayState.Origin, OriginMark, $"{overlay.Pod} (the chosen pod)", 1),
        ];
    }
}
