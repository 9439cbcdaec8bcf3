using System.Collections.Immutable;
using ClusterNet.Core.Policy;

namespace ClusterNet.Core.Topology.Overlay;

/// <summary>
/// The legend under the overlay, in the verdict words (<see cref="VerdictText"/>). The marks are also drawn after the pod
/// labels on the graph, so the colours can be told apart without colour vision or in a grey-scale print.
/// </summary>
public static class OverlayLegend
{
    public const string AllowedMark = "✓";
    public const string DeniedMark = "✗";
    public const string DependsMark = "~";
    public const string OriginMark = "◎";

    public static string MarkOf(OverlayState state) => state switch
    {
        OverlayState.Allowed => VerdictText.Symbol(ReachVerdict.Allowed),
        OverlayState.Denied => VerdictText.Symbol(ReachVerdict.Denied),
        OverlayState.Depends => VerdictText.Symbol(ReachVerdict.DependsOnImplementation),
        _ => OriginMark,
    };

    public static ImmutableArray<OverlayLegendItem> For(ReachabilityOverlay overlay)
    {
        var reach = overlay.Direction == OverlayDirection.From ? $"reachable from {overlay.Pod}" : $"can reach {overlay.Pod}";
        var probe = ReachabilityOverlayBuilder.ProbeText(overlay.Probe);
        return
        [
            new(OverlayState.Allowed, AllowedMark, $"{VerdictText.Allowed}: {reach} on {probe} ({overlay.AllowedCount})", overlay.AllowedCount),
            new(OverlayState.Denied, DeniedMark, $"{VerdictText.Denied} by a NetworkPolicy ({overlay.DeniedCount})", overlay.DeniedCount),
            new(OverlayState.Depends, DependsMark, $"{VerdictText.ImplementationDefined}: depends on the CNI ({overlay.DependsCount})", overlay.DependsCount),
            new(OverlayState.Origin, OriginMark, $"{overlay.Pod} (the chosen pod)", 1),
        ];
    }

    /// <summary>
    /// The selected peer's line: "prod/pod1 → dev/pod1 on TCP 80: denied by prod/deny-all-egress", the verdict in the one
    /// wording and the enforcement qualifier after it when policies are not enforced.
    /// </summary>
    public static string PeerSentence(ReachabilityOverlay o, OverlayPeer peer)
    {
        var (from, to) = o.Direction == OverlayDirection.From ? (o.Pod, peer.Pod) : (peer.Pod, o.Pod);
        var verdict = peer.State switch
        {
            OverlayState.Denied => VerdictText.Denied + (peer.DeniedBy.Length > 0 ? $" by {string.Join(", ", peer.DeniedBy)}" : ""),
            OverlayState.Depends => VerdictText.WithExpectation(ReachVerdict.DependsOnImplementation, peer.Allowed),
            _ => VerdictText.Allowed,
        };
        return $"{from} → {to} on {ReachabilityOverlayBuilder.ProbeText(o.Probe)}: {verdict}" + (o.Qualifier is { } q ? $"; {q}." : ".");
    }
}
