using System.Diagnostics;
using ClusterNet.Bench.Store;
using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Live;
using ClusterNet.Testing;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClusterNet.Bench.Live;

/// <summary>
/// `live-sync`: a timed real sync from kube-apiserver 1.20 (tests/testenv; run tests/testenv/provision.sh first).
/// Starts a control plane, creates N pods, then times fresh live sources from start until the first full sync of every
/// kind, and a pod status change until it shows in a snapshot.
/// Run: dotnet run -c Release --project bench/ClusterNet.Bench -- live-sync [--pods 2000] [--runs 3]
/// </summary>
public static class LiveSyncMeasurement
{
    public static async Task<int> RunAsync(string[] args)
    {
        var podCount = StoreLatencyMeasurement.IntArg(args, "--pods", 2000);
        var runs = StoreLatencyMeasurement.IntArg(args, "--runs", 3);
        Console.WriteLine($"live-sync: {podCount:N0} pods on kube-apiserver 1.20 (tests/testenv), {runs} runs, {Environment.ProcessorCount} CPUs");
        var start = Stopwatch.StartNew();
        await using var plane = await TestControlPlane.StartAsync();
        Console.WriteLine($"control plane started in {start.Elapsed.TotalSeconds:0.0} s");

        const string ns = "bench";
        using var admin = plane.AdminClient();
        await admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        var create = Stopwatch.StartNew();
        using var gate = new SemaphoreSlim(16);
        await Task.WhenAll(Enumerable.Range(0, podCount).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                await admin.CoreV1.CreateNamespacedPodAsync(Pod(i), ns);
            }
            finally
            {
                gate.Release();
            }
        }));
        Console.WriteLine($"created {podCount:N0} pods in {create.Elapsed.TotalSeconds:0.0} s");

        var times = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            var sw = Stopwatch.StartNew();
            await using var source = new LiveClusterSource(plane.AdminConfig(), new SourceInfo("kubeconfig", "bench"), new LiveSourceOptions(), NullLoggerFactory.Instance);
            await source.StartAsync(CancellationToken.None);
            while (!(source.Store.InitialSyncComplete && source.Store.Current.Pods.Count(p => p.Namespace == ns) == podCount))
            {
                if (sw.Elapsed > TimeSpan.FromMinutes(2))
                {
                    Console.WriteLine($"run {run}: not synced after 2 min: {string.Join(", ", source.Store.Current.Kinds.Select(k => $"{k.Key}={k.Value.StateName}({k.Value.Count})"))}");
                    return 1;
                }

                await Task.Delay(10);
            }

            times.Add(sw.Elapsed.TotalMilliseconds);
            var snap = source.Store.Current;
            Console.WriteLine($"run {run}: first full sync (14 kinds, {snap.Pods.Count:N0} pods) in {sw.Elapsed.TotalMilliseconds:0} ms, snapshot v{snap.Version}");

            if (run == runs)
            {
                // One change through the whole path: API server → watch → store → coalesced snapshot.
                var change = Stopwatch.StartNew();
                await plane.SetPodStatusAsync(ns, "pod-7", "Running", "10.244.9.7");
                var patched = change.Elapsed.TotalMilliseconds;
                while (source.Store.Current.Pods.Get(ns, "pod-7")?.PodIp != "10.244.9.7")
                {
                    await Task.Delay(5);
                }

                Console.WriteLine($"pod status patch → snapshot: {change.Elapsed.TotalMilliseconds - patched:0} ms after the patch returned (patch via curl took {patched:0} ms)");
                GC.Collect();
                using var self = Process.GetCurrentProcess();
                self.Refresh();
                Console.WriteLine($"working set with the synced source: {self.WorkingSet64 / 1048576.0:0} MB, managed heap {GC.GetTotalMemory(false) / 1048576.0:0} MB");
            }
        }

        times.Sort();
        Console.WriteLine($"first full sync: median {times[times.Count / 2]:0} ms, min {times[0]:0} ms, max {times[^1]:0} ms");
        return 0;
    }

    private static V1Pod Pod(int i) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = $"pod-{i}",
            Labels = new Dictionary<string, string> { ["app"] = $"app-{i % 50}", ["pod-template-hash"] = "5d8f7c9b4" },
        },
        Spec = new V1PodSpec
        {
            NodeName = $"node-{i % 10}",
            Containers = [new V1Container { Name = "app", Image = "registry.example/app:1.2.3", Ports = [new V1ContainerPort { Name = "http", ContainerPort = 8080 }] }],
        },
    };
}
