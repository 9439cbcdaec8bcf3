using System.Collections.Immutable;
using System.Globalization;
using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using ClusterNet.Core.Topology;

namespace ClusterNet.Core.Topology.Overlay;

/// <summary>Builds a <see cref="ReachabilityOverlay"/> from the policy engine: pure, so pages and tests share it.</summary>
public static class ReachabilityOverlayBuilder
{
    /// <summary>
    /// Explaining a denied cell walks every rule of the selecting policies; past this many denied pods the overlay
    /// still colours them all but names the denying policies from the first ones only (the sentence says "at least").
    /// </summary>
    public const int MaxExplainedDenials = 400;

    /// <summary>Null when <paramref name="pod"/> is not in the engine's snapshot (deleted, or a typo in the URL).</summary>
    public static ReachabilityOverlay? Build(PolicyEngine engine, ObjectKey pod, ReachProbe probe, OverlayDirection direction, PolicyEnforcement enforcement)
    {
        if (engine.IndexOf(pod) < 0)
        {
            return null;
        }

        var outbound = direction == OverlayDirection.From;
        var reach = outbound ? engine.ReachabilityFrom(pod, probe) : engine.ReachabilityTo(pod, probe);
        var peers = new List<OverlayPeer>(reach.Peers.Length);
        var explained = 0;
        var blameComplete = true;
        foreach (var p in reach.Peers)
        {
            if (p.Pod == pod)
            {
                continue;
            }

            var (from, to) = outbound ? (pod, p.Pod) : (p.Pod, pod);
            var state = p.Verdict switch
            {
                ReachVerdict.Allowed => OverlayState.Allowed,
                ReachVerdict.Denied => OverlayState.Denied,
                _ => OverlayState.Depends,
            };
            var deniedBy = ImmutableArray<ObjectKey>.Empty;
            if (state == OverlayState.Denied)
            {
                if (explained++ < MaxExplainedDenials)
                {
                    deniedBy = Blame(engine.Explain(ReachEndpoint.OfPod(from), ReachEndpoint.OfPod(to), probe));
                }
                else
                {
                    blameComplete = false;
                }
            }

            peers.Add(new OverlayPeer
            {
                Pod = p.Pod,
                ElementId = ElementIds.Pod(p.Pod.Namespace, p.Pod.Name),
                State = state,
                Allowed = p.Allowed,
                DeniedBy = deniedBy,
                ExplainLink = ExplainLink(from, to, probe),
            });
        }

        peers.Sort((a, b) => Rank(a.State).CompareTo(Rank(b.State)) is var c && c != 0 ? c : string.CompareOrdinal(a.Pod.ToString(), b.Pod.ToString()));
        var byPolicy = peers.SelectMany(p => p.DeniedBy).GroupBy(k => k)
            .Select(g => (Policy: g.Key, Pods: g.Count()))
            .OrderByDescending(x => x.Pods).ThenBy(x => x.Policy.ToString(), StringComparer.Ordinal)
            .ToImmutableArray();
        var result = new ReachabilityOverlay
        {
            Pod = pod,
            Probe = probe,
            Direction = direction,
            Peers = [.. peers],
            PoliciesIgnored = enforcement.PoliciesIgnored(engine.Snapshot),
            Cni = enforcement.Cni,
            Qualifier = enforcement.Qualifier,
            DeniedByPolicy = byPolicy,
            Summary = "",
        };
        return result with { Summary = Summarize(result, blameComplete) };
    }

    /// <summary>The Policies page's deep link for one pod pair: <c>/policies?probe=80/TCP&amp;from=NS&amp;to=NS&amp;cell=A>B</c>.</summary>
    public static string ExplainLink(ObjectKey from, ObjectKey to, ReachProbe probe) =>
        "/policies?probe=" + Uri.EscapeDataString(probe.ToString())
        + "&from=" + Uri.EscapeDataString(from.Namespace)
        + "&to=" + Uri.EscapeDataString(to.Namespace)
        + "&cell=" + Uri.EscapeDataString($"{from}>{to}");

    /// <summary>"TCP 80", as the page writes a probe in sentences.</summary>
    public static string ProbeText(ReachProbe probe) => $"{probe.Protocol} {probe.Port.ToString(CultureInfo.InvariantCulture)}";

    private static int Rank(OverlayState state) => state switch
    {
        OverlayState.Denied => 0,
        OverlayState.Depends => 1,
        _ => 2,
    };

    private static ImmutableArray<ObjectKey> Blame(ReachExplanation e)
    {
        var keys = new List<ObjectKey>();
        foreach (var side in new[] { e.Egress, e.Ingress })
        {
            if (side.Applies && !side.Allows)
            {
                keys.AddRange(side.SelectingPolicies);
            }
        }

        return [.. keys.Distinct()];
    }

    private static string Summarize(ReachabilityOverlay o, bool blameComplete)
    {
        var total = o.Peers.Length;
        var probe = ProbeText(o.Probe);
        var qualifier = o.Qualifier is { } q ? $"; {q}" : "";
        if (total == 0)
        {
            return $"{o.Pod} is the only pod: nothing to reach on {probe}{qualifier}.";
        }

        var pods = $"{total.ToString(CultureInfo.InvariantCulture)} {(total == 1 ? "pod" : "pods")}";
        var head = o.Direction == OverlayDirection.From ? $"{o.Pod} → {pods} on {probe}" : $"{pods} → {o.Pod} on {probe}";
        var parts = new List<string> { $"{o.AllowedCount.ToString(CultureInfo.InvariantCulture)} {VerdictText.Allowed}" };
        if (o.DeniedCount > 0)
        {
            var denied = $"{o.DeniedCount.ToString(CultureInfo.InvariantCulture)} {VerdictText.Denied}";
            if (o.DeniedByPolicy.Length > 0)
            {
                var named = o.DeniedByPolicy.Take(3)
                    .Select(x => x.Pods == o.DeniedCount && blameComplete ? x.Policy.ToString() : $"{x.Policy} ({x.Pods.ToString(CultureInfo.InvariantCulture)})");
                denied += (blameComplete ? " by " : " by at least ") + string.Join(", ", named) + (o.DeniedByPolicy.Length > 3 ? ", …" : "");
            }

            parts.Add(denied);
        }

        if (o.DependsCount > 0)
        {
            parts.Add($"{o.DependsCount.ToString(CultureInfo.InvariantCulture)} {VerdictText.ImplementationDefined} (an ipBlock matching a pod IP, or a hostNetwork pod)");
        }

        return $"{head}: {string.Join(", ", parts)}{qualifier}.";
    }
}
