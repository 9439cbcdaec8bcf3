using System.Diagnostics;
using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;

namespace ClusterNet.Bench.Policy;

/// <summary>
/// `dotnet run -c Release --project bench/ClusterNet.Bench -- tiers-quick`: the issue 14 targets (10k pods, 2k
/// NetworkPolicies + 100 ClusterNetworkPolicies + 300 Calico policies): engine build + full matrix &lt; 2 s, one pod's
/// overlay &lt; 20 ms, one policy change &lt; 100 ms (NetworkPolicy, ClusterNetworkPolicy, Calico policy, Calico NetworkSet
/// and Tier; each the derived engine plus the matrix patch). The same cluster without the Calico policies, and without
/// any tier, for comparison. Each policy change line is the median of five runs, with the process CPU time they took
/// (all threads, GC included: steadier than wall time when other work shares the cores), the GC pauses within and the
/// bytes allocated, each run from a collected heap, and says how many matrix cells it flipped (counted outside the timing).
/// </summary>
public static class TierQuickRun
{
    public static void Run(TextWriter w)
    {
        var cnp = TierBenchCluster.Build();
        var none = cnp with { ClusterNetworkPolicies = KindCollection<ClusterPolicyInfo>.Empty };
        var calico = TierBenchCluster.WithCalico(cnp);
        var probes = Enumerable.Range(8000, 20).Select(ReachProbe.Tcp).ToArray();
        foreach (var (label, s) in new[] { ("NetworkPolicy only", none), ("with 100 ClusterNetworkPolicies", cnp), ("with 100 ClusterNetworkPolicies + 300 Calico policies", calico) })
        {
            // Twice: the first pass pays for JIT.
            for (var pass = 0; pass < 2; pass++)
            {
                GC.Collect();
                var sw = Stopwatch.StartNew();
                var engine = PolicyEngine.Build(s);
                var build = sw.ElapsedMilliseconds;
                var calicoBits = CalicoBits(engine);
                build = sw.ElapsedMilliseconds;
                sw.Restart();
                var matrix = engine.ComputeMatrix(probes);
                var full = sw.ElapsedMilliseconds;
                sw.Restart();
                for (var i = 0; i < 20; i++)
                {
                    engine.ReachabilityTo(engine.Pods[i * 37], probes[i]);
                }

                var onePod = sw.Elapsed.TotalMilliseconds / 20;
                var changes = new List<string>();
                var victim = s.NetworkPolicies.First(p => p.Name.StartsWith("allow-app-", StringComparison.Ordinal));
                var changed = victim with { PodSelector = new LabelSelector { MatchLabels = LabelMap.Of(("tier", "front")) } };
                changes.Add(Change("NetworkPolicy", matrix, () => engine.WithPolicy(changed), [changed.Key]));
                if (s.ClusterNetworkPolicies.Count > 0)
                {
                    var first = s.ClusterNetworkPolicies.First();
                    changes.Add(Change("ClusterNetworkPolicy (priority moved last)", matrix, () => engine.WithClusterPolicy(first with { Priority = 999 }), []));
                    changes.Add(Change("ClusterNetworkPolicy (one rule's action)", matrix, () => engine.WithClusterPolicy(first with
                    {
                        Ingress = [first.Ingress[0] with { Action = ClusterPolicyAction.Deny, ActionText = "Deny" }, .. first.Ingress.Skip(1)],
                    }), []));
                }

                if (s.CalicoGlobalNetworkPolicies.Count > 0)
                {
                    var gnp = s.CalicoGlobalNetworkPolicies.First();
                    changes.Add(Change("Calico GlobalNetworkPolicy (selector and a rule)", matrix, () => engine.WithCalicoPolicy(gnp with
                    {
                        Selector = "tier == 'back'",
                        Ingress = [gnp.Ingress[0], gnp.Ingress[1] with { Action = CalicoRuleAction.Allow }, .. gnp.Ingress.Skip(2)],
                    }), []));
                    var np = s.CalicoNetworkPolicies.First(p => p.Tier == "platform");
                    changes.Add(Change("Calico NetworkPolicy (deleted)", matrix, () => engine.WithoutCalicoPolicy(np.Kind, np.Key), []));

                    // What-if of the objects policies evaluate with: a NetworkSet over 256 pod IPs that rule selectors
                    // pick (app == 'web' with namespaceSelector all() in tier security, the namespace's own policies),
                    // and Tier edits (an order that keeps the tiers' sequence; platform's defaultAction Pass to Deny).
                    var set = new CalicoNetworkSetInfo { Kind = CalicoNetworkSetKind.NetworkSet, Namespace = "ns-001", Name = "web-range", Labels = LabelMap.Of(("app", "web")), Nets = ["10.64.1.0/24"] };
                    changes.Add(Change("Calico NetworkSet over 256 pod IPs (added)", matrix, () => engine.WithCalicoResource(PolicyEdit.Upsert(set)), []));
                    var fallback = s.CalicoTiers.First(t => t.Name == "fallback");
                    changes.Add(Change("Calico Tier (order moved, same sequence)", matrix, () => engine.WithCalicoResource(PolicyEdit.Upsert(fallback with { Order = 3_000_000 })), []));
                    var platform = s.CalicoTiers.First(t => t.Name == "platform");
                    changes.Add(Change("Calico Tier (defaultAction Pass to Deny)", matrix, () => engine.WithCalicoResource(PolicyEdit.Upsert(platform with { DefaultAction = CalicoRuleAction.Deny })), []));
                }

                w.WriteLine($"{label} (pass {pass + 1}): build {build} ms{(calicoBits >= 0 ? $" (of which Calico rule bitsets {calicoBits} ms)" : "")}, full matrix {full} ms ({matrix.PortClassCount} classes), total {build + full} ms; "
                    + $"one pod's overlay {onePod:F2} ms; {string.Join("; ", changes)}; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MB");
            }
        }
    }

    /// <summary>
    /// Computes every Calico rule's peer bitsets now (they are lazy; the matrix would compute them) so the build figure
    /// shows their cost: -1 without Calico stages.
    /// </summary>
    private static long CalicoBits(PolicyEngine engine)
    {
        var stages = engine.Chain.Stages.OfType<Core.Policy.Calico.CalicoTierStage>().ToList();
        if (stages.Count == 0)
        {
            return -1;
        }

        var sw = Stopwatch.StartNew();
        var rules = stages.SelectMany(st => st.TierModel.Policies.Select(st.Bits.Of)).SelectMany(p => p.IngressRules.Concat(p.EgressRules)).ToList();
        Parallel.ForEach(rules, r => GC.KeepAlive((r.Sources, r.DestinationEndpoints)));
        return sw.ElapsedMilliseconds;
    }

    /// <summary>
    /// "X change + matrix patch N ms (M cells flipped)": the derived engine and the patch, timed together, the median of
    /// <see cref="Repeats"/> runs from the same matrix (single runs on the shared cores vary up to 2×), with their range.
    /// </summary>
    private static string Change(string what, ReachMatrix matrix, Func<PolicyEngine> derive, ObjectKey[] changed)
    {
        var runs = new List<(double Total, double Engine, double Cpu, double Gc, long Allocated)>();
        ReachMatrix? patched = null;
        var process = Process.GetCurrentProcess();
        for (var r = 0; r < Repeats; r++)
        {
            // Each run starts from a collected heap, as a single change would (earlier runs' garbage is not its cost).
            GC.Collect();
            GC.WaitForPendingFinalizers();
            process.Refresh();
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var cpu = process.TotalProcessorTime;
            var gc = GC.GetTotalPauseDuration();
            var sw = Stopwatch.StartNew();
            var next = derive();
            var derived = sw.Elapsed.TotalMilliseconds;
            patched = matrix.Recompute(next, changed);
            var total = sw.Elapsed.TotalMilliseconds;
            process.Refresh();
            runs.Add((total, derived, (process.TotalProcessorTime - cpu).TotalMilliseconds, (GC.GetTotalPauseDuration() - gc).TotalMilliseconds, GC.GetTotalAllocatedBytes(precise: true) - allocated));
        }

        var sorted = runs.OrderBy(x => x.Total).ToList();
        var median = sorted[sorted.Count / 2];
        var medianCpu = runs.Select(x => x.Cpu).Order().ElementAt(runs.Count / 2);
        var medianGc = runs.Select(x => x.Gc).Order().ElementAt(runs.Count / 2);
        var allocatedMb = runs.Select(x => x.Allocated).Order().ElementAt(runs.Count / 2) / 1048576.0;
        return $"{what} change + matrix patch {median.Total:F0} ms ({sorted[0].Total:F0}–{sorted[^1].Total:F0}; engine {median.Engine:F0} ms; "
            + $"CPU {medianCpu:F0} ms, GC pauses {medianGc:F0} ms, allocated {allocatedMb:F0} MB; {Flipped(matrix, patched!)} cells flipped)";
    }

    /// <summary>Runs per policy change; the line gives their median.</summary>
    private const int Repeats = 5;

    private static long Flipped(ReachMatrix before, ReachMatrix after)
    {
        long n = 0;
        for (var p = 0; p < before.Probes.Length; p++)
        {
            var (a, b) = (before.LayerOf(p).Rows, after.LayerOf(p).Rows);
            for (var s = 0; s < a.Length; s++)
            {
                if (a.SharesRow(b, s))
                {
                    continue;
                }

                var x = a[s];
                var y = b[s];
                for (var i = 0; i < x.Length; i++)
                {
                    n += System.Numerics.BitOperations.PopCount(x[i] ^ y[i]);
                }
            }
        }

        return n;
    }
}
