using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy;

/// <summary>Applies policy edits to a snapshot, before anything touches a cluster, and reports the cells that flip.</summary>
public static class PolicyWhatIf
{
    /// <summary>The snapshot with the edits applied in order (a delete of a missing policy is ignored here; Run reports it).</summary>
    public static ClusterSnapshot Apply(ClusterSnapshot snapshot, IEnumerable<PolicyEdit> edits)
    {
        var byKey = snapshot.NetworkPolicies.ToDictionary(p => p.Key);
        foreach (var e in edits)
        {
            if (e.ClusterKind is { } kind)
            {
                snapshot = PolicyEngine.Replace(snapshot, kind, e.Key.Name, e.ClusterPolicy);
            }
            else if (e.CalicoKind is { } calico)
            {
                snapshot = PolicyEngine.ReplaceCalico(snapshot, calico, e.Key, e.CalicoPolicy);
            }
            else if (e.IsCalicoResource)
            {
                snapshot = CalicoResourceEdits.Apply(snapshot, e);
            }
            else if (e.Policy is null)
            {
                byKey.Remove(e.Key);
            }
            else
            {
                byKey[e.Key] = e.Policy;
            }
        }

        return snapshot with { NetworkPolicies = KindCollection<NetworkPolicyInfo>.From(byKey.Values) };
    }

    /// <summary>
    /// Runs the edits against <paramref name="engine"/> incrementally (only pods the edited policies select are recomputed)
    /// and lists every cell whose verdict changes. Probes default to the container ports of all pods.
    /// </summary>
    public static WhatIfResult Run(PolicyEngine engine, IEnumerable<PolicyEdit> edits, IReadOnlyList<ReachProbe>? probes = null, ReachMatrix? before = null)
    {
        var probeList = probes is { Count: > 0 } ? probes : (IReadOnlyList<ReachProbe>)engine.ContainerPortProbes();
        before ??= engine.ComputeMatrix(probeList);
        var after = engine;
        var changed = new List<ObjectKey>();
        var clusterChanged = new List<string>();
        var resourceChanged = new List<string>();
        var problems = ImmutableArray.CreateBuilder<string>();
        foreach (var e in edits)
        {
            if (e.ClusterKind is { } kind)
            {
                if (e.ClusterPolicy is { } cp)
                {
                    after = after.WithClusterPolicy(cp);
                }
                else if (!PolicyEngine.ClusterPoliciesOf(after.Snapshot, kind).ByKey.ContainsKey(e.Key))
                {
                    problems.Add($"no {kind} {e.Key.Name} to delete");
                    continue;
                }
                else
                {
                    after = after.WithoutClusterPolicy(kind, e.Key.Name);
                }

                clusterChanged.Add(e.Name);
                continue;
            }

            if (e.CalicoKind is { } calicoKind)
            {
                if (e.CalicoPolicy is { } cp)
                {
                    after = after.WithCalicoPolicy(cp);
                }
                else if (!PolicyEngine.CalicoPoliciesOf(after.Snapshot, calicoKind).ByKey.ContainsKey(e.Key))
                {
                    problems.Add($"no {e.Name} to delete");
                    continue;
                }
                else
                {
                    after = after.WithoutCalicoPolicy(calicoKind, e.Key);
                }

                clusterChanged.Add(e.Name);
                continue;
            }

            if (e.IsCalicoResource)
            {
                if (e.IsDelete && !CalicoResourceEdits.Exists(after.Snapshot, e))
                {
                    problems.Add($"no {e.Name} to delete");
                    continue;
                }

                after = after.WithCalicoResource(e);
                resourceChanged.Add(e.Name);
                continue;
            }

            if (e.Policy is null)
            {
                if (!after.TryGetPolicy(e.Key, out _))
                {
                    problems.Add($"no NetworkPolicy {e.Key} to delete");
                    continue;
                }

                after = after.WithoutPolicy(e.Key);
            }
            else
            {
                after = after.WithPolicy(e.Policy);
            }

            changed.Add(e.Key);
        }

        var afterMatrix = before.Recompute(after, changed);
        var flipped = Diff(before, afterMatrix);
        return new WhatIfResult
        {
            Before = engine,
            After = after,
            BeforeMatrix = before,
            AfterMatrix = afterMatrix,
            Flipped = flipped,
            Problems = problems.ToImmutable(),
            NothingFlippedBecause = flipped.Length == 0 && (changed.Count > 0 || clusterChanged.Count > 0 || resourceChanged.Count > 0)
                ? WhyNothingFlipped(engine, after, changed, before.Probes, clusterChanged, resourceChanged) : null,
        };
    }

    /// <summary>
    /// Why edits that applied changed no cell, per edited policy and direction, naming what still decides: "dev pods stay
    /// isolated for ingress by dev/allow-80-ingress", "dev/x selects no pod", "dev/allow-all admits every connection of
    /// dev/pod1 on these ports".
    /// </summary>
    internal static string WhyNothingFlipped(PolicyEngine before, PolicyEngine after, IReadOnlyList<ObjectKey> changed, IReadOnlyList<ReachProbe> probes,
        IReadOnlyList<string>? clusterChanged = null, IReadOnlyList<string>? resourceChanged = null)
    {
        var index = after.Index;
        var reasons = new List<string>();
        foreach (var name in (clusterChanged ?? []).Distinct(StringComparer.Ordinal))
        {
            // A tier edit flips nothing when it selects no pod or an earlier tier / rule decides the same connections.
            reasons.Add($"{name} decides no connection differently (its subject pods are judged the same by the tiers, NetworkPolicy and the default)");
        }

        foreach (var name in (resourceChanged ?? []).Distinct(StringComparer.Ordinal))
        {
            // A Tier or network set decides nothing itself: it changes how Calico's policies evaluate.
            reasons.Add($"{name} changes no Calico verdict between pods (no policy it orders or rule selector that picks it decides a connection differently)");
        }

        foreach (var key in changed.Distinct())
        {
            var old = before.TryGetPolicy(key, out var b) ? b : null;
            var now = after.TryGetPolicy(key, out var a) ? a : null;
            var selected = (old?.Selected.Members() ?? []).Union(now?.Selected.Members() ?? []).Where(i => !index.HostNetwork[i]).Order().ToList();
            if (selected.Count == 0)
            {
                reasons.Add($"{key} selects no pod");
                continue;
            }

            foreach (var ingress in new[] { true, false })
            {
                if (!Affects(old, ingress) && !Affects(now, ingress))
                {
                    continue;
                }

                var direction = ingress ? "ingress" : "egress";
                var groups = selected.GroupBy(i => string.Join(", ", (ingress ? after.IngressPoliciesOf(i) : after.EgressPoliciesOf(i))
                    .Select(slot => after.PolicyAt(slot).Key).Where(k => k != key).Select(k => k.ToString()).Order(StringComparer.Ordinal)));
                foreach (var g in groups)
                {
                    var who = Who(index, [.. g]);
                    reasons.Add(g.Key.Length > 0
                        ? $"{who} stay isolated for {direction} by {g.Key}"
                        : now is null
                            ? $"{key} admitted every {direction} connection of {who} on these ports"
                            : $"{key} admits every {direction} connection of {who} on these ports{(old is null ? "" : " (as before)")}");
                }
            }
        }

        var ports = probes.Count == 1 ? probes[0].ToString() : $"any of the {probes.Count} ports ({string.Join(", ", probes)})";
        return $"Nothing flips on {ports}: {string.Join("; ", reasons.Distinct())}.";
    }

    private static bool Affects(CompiledPolicy? p, bool ingress) => p is not null && (ingress ? p.AffectsIngress : p.AffectsEgress);

    /// <summary>"dev pods" when they are all of the namespace's pods, else up to three names, else "5 pods in dev".</summary>
    private static string Who(PolicyIndex index, IReadOnlyList<int> pods)
    {
        var namespaces = pods.Select(i => index.PodKeys[i].Namespace).Distinct(StringComparer.Ordinal).ToList();
        if (namespaces.Count == 1)
        {
            var all = Enumerable.Range(0, index.PodCount).Count(i => !index.HostNetwork[i] && index.PodKeys[i].Namespace == namespaces[0]);
            if (all == pods.Count && all > 1)
            {
                return $"{namespaces[0]} pods";
            }
        }

        return pods.Count <= 3
            ? string.Join(", ", pods.Select(i => index.PodKeys[i].ToString()))
            : $"{pods.Count} pods in {string.Join(", ", namespaces)}";
    }

    /// <summary>Cells whose verdict differs between two matrices over the same pods and probes.</summary>
    public static ImmutableArray<FlippedCell> Diff(ReachMatrix before, ReachMatrix after)
    {
        var result = ImmutableArray.CreateBuilder<FlippedCell>();
        var n = before.Pods.Length;
        if (!before.Pods.SequenceEqual(after.Pods) || !before.Probes.SequenceEqual(after.Probes))
        {
            throw new ArgumentException("matrices cover different pods or probes", nameof(after));
        }

        for (var s = 0; s < n; s++)
        {
            for (var d = 0; d < n; d++)
            {
                for (var p = 0; p < before.Probes.Length; p++)
                {
                    var b = before.VerdictOf(s, d, p);
                    var a = after.VerdictOf(s, d, p);
                    if (a != b || before.IsAllowed(s, d, p) != after.IsAllowed(s, d, p))
                    {
                        result.Add(new FlippedCell(before.Pods[s], before.Pods[d], before.Probes[p], b, a, before.IsAllowed(s, d, p), after.IsAllowed(s, d, p)));
                    }
                }
            }
        }

        return result.ToImmutable();
    }
}
