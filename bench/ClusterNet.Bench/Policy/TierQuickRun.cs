using System.Diagnostics;
using ClusterNet.Core.Policy;

namespace ClusterNet.Bench.Policy;

/// <summary>
/// `dotnet run -c Release --project bench/ClusterNet.Bench -- tiers-quick`: the issue 14 targets (10k pods, 2k
/// NetworkPolicies, 100 ClusterNetworkPolicies): engine build + full matrix &lt; 2 s, one pod's overlay &lt; 20 ms, one
/// policy change &lt; 100 ms; plus the same cluster without the cluster policies for comparison.
/// </summary>
public static class TierQuickRun
{
    public static void Run(TextWriter w)
    {
        var snapshot = TierBenchCluster.Build();
        var probes = Enumerable.Range(8000, 20).Select(ReachProbe.Tcp).ToArray();
        foreach (var (label, s) in new[] { ("NetworkPolicy only", snapshot with { ClusterNetworkPolicies = Core.Model.KindCollection<Core.Model.ClusterPolicyInfo>.Empty }), ("with 100 ClusterNetworkPolicies", snapshot) })
        {
            // Twice: the first pass pays for JIT.
            for (var pass = 0; pass < 2; pass++)
            {
                GC.Collect();
                var sw = Stopwatch.StartNew();
                var engine = PolicyEngine.Build(s);
                var build = sw.ElapsedMilliseconds;
                sw.Restart();
                var matrix = engine.ComputeMatrix(probes);
                var full = sw.ElapsedMilliseconds;
                sw.Restart();
                for (var i = 0; i < 20; i++)
                {
                    engine.ReachabilityTo(engine.Pods[i * 37], probes[i]);
                }

                var onePod = sw.Elapsed.TotalMilliseconds / 20;
                var victim = s.NetworkPolicies.First(p => p.Name.StartsWith("allow-app-", StringComparison.Ordinal));
                var changed = victim with { PodSelector = new Core.Model.LabelSelector { MatchLabels = Core.Model.LabelMap.Of(("tier", "front")) } };
                sw.Restart();
                var next = engine.WithPolicy(changed);
                var patched = matrix.Recompute(next, [changed.Key]);
                var npChange = sw.ElapsedMilliseconds;
                long cnpChange = -1;
                if (s.ClusterNetworkPolicies.Count > 0)
                {
                    // A ClusterNetworkPolicy edit rebuilds the tier stages; the matrix is patched for its subjects only.
                    var cnp = s.ClusterNetworkPolicies.First();
                    sw.Restart();
                    var edited = engine.WithClusterPolicy(cnp with { Priority = 999 });
                    var tierPatched = matrix.Recompute(edited, []);
                    cnpChange = sw.ElapsedMilliseconds;
                    GC.KeepAlive(tierPatched);
                }

                w.WriteLine($"{label} (pass {pass + 1}): build {build} ms, full matrix {full} ms ({matrix.PortClassCount} classes), total {build + full} ms; "
                    + $"one pod's overlay {onePod:F2} ms; NetworkPolicy change + matrix patch {npChange} ms"
                    + (cnpChange >= 0 ? $"; ClusterNetworkPolicy change + matrix patch {cnpChange} ms" : "")
                    + $"; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MB");
                GC.KeepAlive(patched);
            }
        }
    }
}
