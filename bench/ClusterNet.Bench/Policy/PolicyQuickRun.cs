using System.Diagnostics;
using ClusterNet.Core.Policy;

namespace ClusterNet.Bench.Policy;

/// <summary>
/// `dotnet run -c Release --project bench/ClusterNet.Bench -- policy-quick`: one stopwatch pass over the issue 4
/// targets with peak memory, for a quick look without BenchmarkDotNet's repetitions.
/// </summary>
public static class PolicyQuickRun
{
    public static void Run(TextWriter w)
    {
        var sw = Stopwatch.StartNew();
        var snapshot = PolicyBenchCluster.Build();
        w.WriteLine($"generate: {sw.ElapsedMilliseconds} ms ({snapshot.Pods.Count} pods, {snapshot.Namespaces.Count} namespaces, {snapshot.NetworkPolicies.Count} policies)");
        var probes = Enumerable.Range(8000, 20).Select(ReachProbe.Tcp).ToArray();
        GC.Collect();
        var before = GC.GetTotalMemory(true);
        sw.Restart();
        var engine = PolicyEngine.Build(snapshot);
        var build = sw.ElapsedMilliseconds;
        sw.Restart();
        var matrix = engine.ComputeMatrix(probes);
        var full = sw.ElapsedMilliseconds;
        var held = GC.GetTotalMemory(true) - before;
        w.WriteLine($"engine build: {build} ms; full matrix: {full} ms ({matrix.PortClassCount} port classes); total {build + full} ms; matrix+engine held {held / 1048576} MB; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MB");
        sw.Restart();
        for (var i = 0; i < 20; i++)
        {
            engine.ReachabilityFrom(engine.Pods[i * 37], probes[i]);
        }

        w.WriteLine($"one pod: {sw.Elapsed.TotalMilliseconds / 20:F2} ms");
        var victim = snapshot.NetworkPolicies.First(p => p.Name.StartsWith("allow-app-", StringComparison.Ordinal));
        var changed = victim with { PodSelector = new Core.Model.LabelSelector { MatchLabels = Core.Model.LabelMap.Of(("tier", "front")) } };
        sw.Restart();
        var next = engine.WithPolicy(changed);
        var patched = matrix.Recompute(next, [changed.Key]);
        w.WriteLine($"recompute after one policy change: {sw.ElapsedMilliseconds} ms");
        var rnd = new Random(7);
        var pairs = Enumerable.Range(0, PolicyBenchmarks.NaivePairs).Select(_ => (engine.Pods[rnd.Next(engine.Pods.Length)], engine.Pods[rnd.Next(engine.Pods.Length)])).ToArray();
        sw.Restart();
        foreach (var (f, t) in pairs)
        {
            foreach (var p in probes)
            {
                engine.IsAllowedNaive(f, t, p);
            }
        }

        var naivePerCell = sw.Elapsed.TotalMilliseconds / (pairs.Length * probes.Length);
        var cells = (double)engine.Pods.Length * engine.Pods.Length * probes.Length;
        var naiveTotal = naivePerCell * cells;
        w.WriteLine($"naive: {naivePerCell * 1e6:F0} ns per cell -> {naiveTotal / 1000:F0} s for all {cells:E2} cells; speed-up of engine build + matrix: {naiveTotal / (build + full):F0}x");
        sw.Restart();
        var one = engine.ComputeMatrix([probes[0]]);
        var oneProbe = sw.Elapsed.TotalMilliseconds;
        sw.Restart();
        var findings = PolicyLinter.Lint(engine).Count();
        w.WriteLine($"policy page recompute parts: one-probe matrix {oneProbe:F0} ms, lint {sw.Elapsed.TotalMilliseconds:F0} ms ({findings} findings)");
        NamespaceMatrix nsMatrix = null!;
        var popcounts = double.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            // Best of five: the first pass pays for JIT, later ones for whatever else shares the CPUs.
            sw.Restart();
            nsMatrix = NamespaceMatrix.Build(one, 0);
            popcounts = Math.Min(popcounts, sw.Elapsed.TotalMilliseconds);
        }

        sw.Restart();
        NamespaceMatrixBenchmarks.PairByPairCounts(one, 0);
        var pairByPair = sw.Elapsed.TotalMilliseconds;
        w.WriteLine($"namespace matrix {nsMatrix.Namespaces.Length}x{nsMatrix.Namespaces.Length}: {popcounts:F1} ms (popcounts, best of 5) vs {pairByPair:F0} ms (every pod pair): {pairByPair / popcounts:F0}x");
        GC.KeepAlive(patched);
        LiveChanges(w, snapshot);
    }

    /// <summary>
    /// Issue 15: one live change through <see cref="PolicyEngineCache"/> (derived) against a rebuild of the same snapshot.
    /// Each figure is the median (and best) of 15 Gets alternating between the two snapshots (each Get derives from the other).
    /// </summary>
    private static void LiveChanges(TextWriter w, Core.Model.ClusterSnapshot snapshot)
    {
        var pod = snapshot.Pods[4321];
        var added = snapshot with
        {
            Version = snapshot.Version + 1,
            Pods = Core.Model.KindCollection<Core.Model.PodInfo>.From(snapshot.Pods.Append(pod with { Name = pod.Name + "-new", PodIps = ["10.99.0.1"] })),
        };
        var relabelled = snapshot with
        {
            Version = snapshot.Version + 1,
            Pods = Core.Model.KindCollection<Core.Model.PodInfo>.From(snapshot.Pods.Select(p => ReferenceEquals(p, pod)
                ? p with { Labels = Core.Model.LabelMap.Of(("app", p.Labels["app"] == "web" ? "api" : "web"), ("tier", "front")) } : p)),
        };
        var ns = snapshot.Namespaces[17];
        var nsRelabelled = snapshot with
        {
            Version = snapshot.Version + 1,
            Namespaces = Core.Model.KindCollection<Core.Model.NamespaceInfo>.From(snapshot.Namespaces.Select(n => ReferenceEquals(n, ns)
                ? n with { Labels = Core.Model.LabelMap.Of(("team", "t3"), ("env", "prod")) } : n)),
        };
        var victim = snapshot.NetworkPolicies.First(p => p.Name.StartsWith("allow-app-", StringComparison.Ordinal));
        var policyChanged = snapshot with
        {
            Version = snapshot.Version + 1,
            NetworkPolicies = Core.Model.KindCollection<Core.Model.NetworkPolicyInfo>.From(snapshot.NetworkPolicies.Select(p => ReferenceEquals(p, victim)
                ? p with { PodSelector = new Core.Model.LabelSelector { MatchLabels = Core.Model.LabelMap.Of(("tier", "front")) } } : p)),
        };
        var scenarios = new[] { ("one pod added", added), ("one pod relabelled", relabelled), ("one namespace relabelled", nsRelabelled) };
        // A first round only warms the JIT (tiered compilation reaches the optimised code after a few dozen calls),
        // so the second compares steady-state derivation with steady-state rebuilds.
        for (var round = 0; round < 2; round++)
        {
            foreach (var (name, next) in scenarios)
            {
                var (derived, rebuilt, outcomes) = Measure(snapshot, next);
                if (round == 1)
                {
                    w.WriteLine($"{name}: engine derived {Median(derived):F1} ms median, {derived.Min():F1} ms best ({string.Join("/", outcomes)}) vs rebuilt {Median(rebuilt):F0} ms median, {rebuilt.Min():F0} ms best");
                }
            }

            foreach (var (name, next) in new[] { ("one policy changed", policyChanged), ("one pod relabelled", relabelled) })
            {
                var (incremental, full, relinted) = MeasureLint(snapshot, next);
                if (round == 1)
                {
                    w.WriteLine($"lint after {name}: incremental {Median(incremental):F1} ms median, {incremental.Min():F1} ms best ({relinted} of {snapshot.NetworkPolicies.Count} policies relinted) vs full {Median(full):F0} ms median, {full.Min():F0} ms best");
                }
            }
        }
    }

    /// <summary>PolicyLintCache.Get on engines alternating between the two snapshots, against PolicyLinter.Lint on the changed one.</summary>
    private static (List<double> Incremental, List<double> Full, int Relinted) MeasureLint(Core.Model.ClusterSnapshot snapshot, Core.Model.ClusterSnapshot next)
    {
        var engines = new PolicyEngineCache();
        var before = engines.Get(snapshot);
        var after = engines.Get(next);
        var lints = new PolicyLintCache();
        lints.Get(before);
        var incremental = new List<double>();
        var relinted = 0;
        var sw = new Stopwatch();
        for (var i = 0; i < 11; i++)
        {
            var engine = i % 2 == 0 ? after : before;
            sw.Restart();
            lints.Get(engine);
            incremental.Add(sw.Elapsed.TotalMilliseconds);
            relinted = Math.Max(relinted, lints.LastRelinted);
        }

        var full = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            sw.Restart();
            PolicyLinter.Lint(after);
            full.Add(sw.Elapsed.TotalMilliseconds);
        }

        return (incremental, full, relinted);
    }

    private static (List<double> Derived, List<double> Rebuilt, HashSet<string> Outcomes) Measure(Core.Model.ClusterSnapshot snapshot, Core.Model.ClusterSnapshot next)
    {
        var cache = new PolicyEngineCache();
        cache.Get(snapshot);
        var derived = new List<double>();
        var outcomes = new HashSet<string>();
        var sw = new Stopwatch();
        for (var i = 0; i < 15; i++)
        {
            sw.Restart();
            cache.Get(i % 2 == 0 ? next : snapshot);
            derived.Add(sw.Elapsed.TotalMilliseconds);
            outcomes.Add(cache.LastOutcome);
        }

        var rebuilt = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            sw.Restart();
            PolicyEngine.Build(next);
            rebuilt.Add(sw.Elapsed.TotalMilliseconds);
        }

        return (derived, rebuilt, outcomes);
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
