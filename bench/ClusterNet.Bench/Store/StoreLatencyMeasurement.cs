using System.Diagnostics;
using System.Globalization;
using ClusterNet.Core.Model;
using ClusterNet.Core.Store;

namespace ClusterNet.Bench.Store;

/// <summary>
/// `store-latency`: what BenchmarkDotNet cannot express — a steady stream of watch events into a loaded store with the
/// production 200 ms coalescing, and for every event the time until a published snapshot contains it.
/// Also times the initial snapshot build and reports the process working set.
/// Run: dotnet run -c Release --project bench/ClusterNet.Bench -- store-latency [--rate 1000] [--seconds 10]
/// </summary>
public static class StoreLatencyMeasurement
{
    private static readonly SourceInfo Source = new("kubeconfig", "bench");

    public static async Task<int> RunAsync(string[] args)
    {
        var rate = IntArg(args, "--rate", 1000);
        var seconds = IntArg(args, "--seconds", 10);
        var cluster = SyntheticCluster.Build();
        Console.WriteLine($"store-latency: {cluster.Pods.Count:N0} pods, {cluster.Services.Count:N0} services, {cluster.Policies.Count:N0} policies; " +
                          $"{rate:N0} events/s for {seconds} s; coalesce 200 ms; {Environment.ProcessorCount} CPUs");

        // Initial snapshot: replace all three kinds (as after the first lists) and publish.
        var builds = new List<double>();
        for (var run = 0; run < 7; run++)
        {
            var sw = Stopwatch.StartNew();
            var store = new ClusterStore(Source, TimeSpan.Zero);
            StoreIngestionBenchmarks.Load(store, cluster);
            store.Flush();
            builds.Add(sw.Elapsed.TotalMilliseconds);
            await store.DisposeAsync();
        }

        builds.Sort();
        Console.WriteLine($"initial snapshot build: median {builds[builds.Count / 2]:0} ms, min {builds[0]:0} ms, max {builds[^1]:0} ms over {builds.Count} runs (first run includes JIT)");

        await using var live = new ClusterStore(Source, TimeSpan.FromMilliseconds(200));
        StoreIngestionBenchmarks.Load(live, cluster);
        live.Flush();

        var clock = Stopwatch.StartNew();
        var pending = new List<(long Seq, ObjectKey Key, double At)>();
        var latencies = new List<double>();
        var snapshots = 0;
        live.Published += change =>
        {
            var now = clock.Elapsed.TotalMilliseconds;
            var pods = change.Snapshot.Pods;
            lock (pending)
            {
                // Events enter the store in order and a flush takes all of them at once, so the events a snapshot
                // contains are a prefix of the pending list: event k is in iff its pod's seq label is ≥ its seq.
                int lo = 0, hi = pending.Count;
                while (lo < hi)
                {
                    var mid = (lo + hi) / 2;
                    var (seq, key, _) = pending[mid];
                    var seen = pods.Get(key) is { } pod && long.TryParse(pod.Labels.GetValueOrDefault("seq"), CultureInfo.InvariantCulture, out var s) ? s : -1;
                    if (seen >= seq)
                    {
                        lo = mid + 1;
                    }
                    else
                    {
                        hi = mid;
                    }
                }

                for (var i = 0; i < lo; i++)
                {
                    latencies.Add(now - pending[i].At);
                }

                pending.RemoveRange(0, lo);
                snapshots++;
            }
        };

        var total = rate * seconds;
        var producer = new Thread(() =>
        {
            for (var n = 0; n < total; n++)
            {
                var due = n * 1000.0 / rate;
                while (clock.Elapsed.TotalMilliseconds < due)
                {
                    if (due - clock.Elapsed.TotalMilliseconds > 2)
                    {
                        Thread.Sleep(1);
                    }
                    else
                    {
                        Thread.SpinWait(50);
                    }
                }

                var i = (int)((n * 7919L) % cluster.Pods.Count);
                var seq = n + 1L;
                var pod = SyntheticCluster.Pod(i, 50, $"10.250.{n / 250 % 250}.{(n % 250) + 1}", seq);
                lock (pending)
                {
                    pending.Add((seq, pod.Key, clock.Elapsed.TotalMilliseconds));
                }

                live.Upsert(pod);
            }
        }) { IsBackground = true, Name = "event producer" };
        producer.Start();
        producer.Join();
        var produced = clock.Elapsed.TotalSeconds;
        await Task.Delay(600);

        double[] sorted;
        lock (pending)
        {
            sorted = [.. latencies.Order()];
        }

        Console.WriteLine($"events: {total:N0} produced in {produced:0.0} s ({total / produced:N0}/s), {sorted.Length:N0} observed in {snapshots:N0} snapshots");
        Console.WriteLine($"event → published snapshot: p50 {P(sorted, 50):0} ms, p95 {P(sorted, 95):0} ms, p99 {P(sorted, 99):0} ms, max {sorted[^1]:0} ms");
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        Console.WriteLine($"working set: {self.WorkingSet64 / 1048576.0:0} MB (peak {self.PeakWorkingSet64 / 1048576.0:0} MB), managed heap after GC {GC.GetTotalMemory(false) / 1048576.0:0} MB");
        return sorted.Length == total ? 0 : 1;
    }

    private static double P(double[] sorted, int percentile) => sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];

    internal static int IntArg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) ? v : fallback;
    }
}
