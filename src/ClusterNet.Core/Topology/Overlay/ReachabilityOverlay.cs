using System.Collections.Immutable;
using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;

namespace ClusterNet.Core.Topology.Overlay;

/// <summary>The reachability overlay for one pod, probe and direction: per-pod states for the graph and the sentence above it.</summary>
public sealed record ReachabilityOverlay
{
    public required ObjectKey Pod { get; init; }

    public required ReachProbe Probe { get; init; }

    public required OverlayDirection Direction { get; init; }

    /// <summary>Every other pod, denied first, then implementation-defined, then allowed; by name within each.</summary>
    public required ImmutableArray<OverlayPeer> Peers { get; init; }

    /// <summary>The CNI enforces no NetworkPolicy (flannel alone) although policies exist: the colours are hypothetical.</summary>
    public required bool PoliciesIgnored { get; init; }

    /// <summary>The detected CNI ("flannel"), null when unknown; named in the not-enforced warning.</summary>
    public string? Cni { get; init; }

    /// <summary><see cref="PolicyEnforcement.Qualifier"/>: shown with every verdict when the CNI does not enforce policy.</summary>
    public string? Qualifier { get; init; }

    public int AllowedCount => Peers.Count(p => p.State == OverlayState.Allowed);

    public int DeniedCount => Peers.Count(p => p.State == OverlayState.Denied);

    public int DependsCount => Peers.Count(p => p.State == OverlayState.Depends);

    /// <summary>Denied pods per denying policy, most first; a pod denied at both ends counts for each policy.</summary>
    public required ImmutableArray<(ObjectKey Policy, int Pods)> DeniedByPolicy { get; init; }

    /// <summary>
    /// Verdicts first, e.g. "17 pods → dev/pod1 on TCP 80: 12 allowed, 5 denied by dev/deny-all-ingress." (with the
    /// enforcement qualifier when policies are not enforced).
    /// </summary>
    public required string Summary { get; init; }

    /// <summary>Element id → state, for the graph (the chosen pod is <see cref="OverlayState.Origin"/>).</summary>
    public ImmutableDictionary<string, OverlayState> ElementStates()
    {
        var b = ImmutableDictionary.CreateBuilder<string, OverlayState>(StringComparer.Ordinal);
        foreach (var p in Peers)
        {
            b[p.ElementId] = p.State;
        }

        b[ElementIds.Pod(Pod.Namespace, Pod.Name)] = OverlayState.Origin;
        return b.ToImmutable();
    }
}
