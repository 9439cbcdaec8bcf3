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
            if (e.Policy is null)
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
        var problems = ImmutableArray.CreateBuilder<string>();
        foreach (var e in edits)
        {
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
        return new WhatIfResult
        {
            Before = engine,
            After = after,
            BeforeMatrix = before,
            AfterMatrix = afterMatrix,
            Flipped = Diff(before, afterMatrix),
            Problems = problems.ToImmutable(),
        };
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
