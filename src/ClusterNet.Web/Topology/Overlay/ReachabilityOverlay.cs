using System.Collections.Immutable;
using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;

namespace ClusterNet.Web.Topology.Overlay;

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

    public int AllowedCount => Peers.Count(p => p.State == OverlayState.Allowed);

    public int DeniedCount => Peers.Count(p => p.State == OverlayState.Denied);

    public int DependsCount => Peers.Count(p => p.State == OverlayState.Depends);

    /// <summary>Denied pods per denying policy, most first; a pod denied at both ends counts for each policy.</summary>
    public required ImmutableArray<(ObjectKey Policy, int Pods)> DeniedByPolicy { get; init; }

    /// <summary>Verdict first, e.g. "12 of 17 pods can reach dev/pod1 on TCP 80; 5 denied by dev/deny-all-ingress."</summary>
    public required string Summary { get; init; }

    /// <summary>Element id → state, for the graph script (the chosen pod is <see cref="OverlayState.Origin"/>).</summary>
    public ImmutableDictionary<string, string> ElementStates()
    {
        var b = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var p in Peers)
        {
            b[p.ElementId] = p.State;
        }

        b[Core.Topology.ElementIds.Pod(Pod.Namespace, Pod.Name)] = OverlayState.Origin;
        return b.ToImmutable();
    }
}
