using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Live;
using ClusterNet.Kubernetes.Tests.Live;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClusterNet.Testing;

/// <summary>
/// The fault soak against the real control plane: a live source reads the API server through a loopback relay while
/// pods are created, patched and deleted at a steady rate, and faults are injected one after another — kube-apiserver
/// killed (SIGKILL) and restarted, etcd compacted past the source's resourceVersion (410 Gone on re-watch), etcd
/// paused (SIGSTOP/SIGCONT), the watch connection cut mid-stream. After each fault the churn pauses and the store's
/// snapshot must equal the server's pods (nothing missing, extra or stale); the time to get there is recorded, and
/// whether the store reported the outage (its connection state, which /readyz and the UI show).
/// Used by ClusterNet.Kubernetes.Tests (short) and `bench/ClusterNet.Bench -- soak` (full).
/// </summary>
public sealed class FaultSoak(TestControlPlane plane, SoakOptions options, Action<string> log)
{
    public const string Namespace = "soak";

    /// <summary>Reads the source's relist-after-410 counter (internal to ClusterNet.Kubernetes; tests can see it).</summary>
    public Func<LiveClusterSource, int>? RelistsAfterExpiry { get; init; }

    public ILoggerFactory Loggers { get; init; } = NullLoggerFactory.Instance;

    public async Task<SoakResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var total = Stopwatch.StartNew();
        using var admin = Client(plane);
        await admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } }, cancellationToken: cancellationToken);

        await using var relay = new LoopbackTcpRelay(plane.ApiServerPort);
        var config = plane.AdminConfig();
        config.Host = relay.Url;
        var sourceOptions = new LiveSourceOptions
        {
            BackoffMin = TimeSpan.FromMilliseconds(200), BackoffMax = TimeSpan.FromSeconds(2),
            Kinds = [ResourceKind.Namespaces, ResourceKind.Pods, ResourceKind.Services],
        };
        await using var source = new LiveClusterSource(config, new SourceInfo("kubeconfig", "soak"), sourceOptions, Loggers);
        await source.StartAsync(cancellationToken);
        await WaitAsync(() => source.Store.InitialSyncComplete, TimeSpan.FromSeconds(60), "first sync");
        log($"first sync after {total.Elapsed.TotalSeconds:0.0} s");

        await using var churn = new SoakChurn(plane, options);
        var records = new List<SoakFaultRecord>();
        for (var round = 0; round < new[] { options.ApiServerKills, options.Compactions, options.EtcdPauses, options.WatchCuts }.Max(); round++)
        {
            if (round < options.ApiServerKills)
            {
                await Task.Delay(options.ChurnBetweenFaults, cancellationToken);
                records.Add(await KillApiServerAsync(source, churn, $"apiserver kill {round + 1}"));
                log(records[^1].ToString());
            }

            if (round < options.WatchCuts)
            {
                await Task.Delay(options.ChurnBetweenFaults, cancellationToken);
                records.Add(await CutAsync(source, relay, churn, $"watch cut {round + 1}"));
                log(records[^1].ToString());
            }

            if (round < options.Compactions)
            {
                await Task.Delay(options.ChurnBetweenFaults, cancellationToken);
                records.Add(await CompactAsync(source, relay, churn, $"compaction {round + 1} (410)"));
                log(records[^1].ToString());
            }

            if (round < options.EtcdPauses)
            {
                await Task.Delay(options.ChurnBetweenFaults, cancellationToken);
                records.Add(await PauseEtcdAsync(source, churn, $"etcd paused {options.EtcdPause.TotalSeconds:0} s"));
                log(records[^1].ToString());
            }
        }

        // Let the remaining creations happen (a steady rate, no faults), then the final comparison.
        var rest = Stopwatch.StartNew();
        while (churn.Creates < options.Pods && rest.Elapsed < TimeSpan.FromMinutes(10))
        {
            await Task.Delay(200, cancellationToken);
        }

        await churn.StopAsync();
        var final = await RecoverAsync(source, churn, "final", false, null, Stopwatch.StartNew());
        log(final.ToString());
        return new SoakResult(records, final, churn.Creates, churn.Patches, churn.Deletes, churn.Failed, RelistsAfterExpiry?.Invoke(source) ?? -1, total.Elapsed);
    }

    private async Task<SoakFaultRecord> KillApiServerAsync(LiveClusterSource source, SoakChurn churn, string name)
    {
        var fault = Stopwatch.StartNew();
        await plane.KillApiServerAsync();
        var seen = await WaitAsync(() => source.Store.Current.Connection == ConnectionState.Disconnected, TimeSpan.FromSeconds(30), null);
        var seenAfter = fault.Elapsed;
        // The churn keeps going (and failing) while the server is down.
        await Task.Delay(TimeSpan.FromSeconds(1));
        await plane.StartApiServerAsync();
        return await RecoverAsync(source, churn, name, seen, seen ? seenAfter : null, Stopwatch.StartNew());
    }

    private async Task<SoakFaultRecord> CutAsync(LiveClusterSource source, LoopbackTcpRelay relay, SoakChurn churn, string name)
    {
        // Reset every relayed connection (the watch streams among them) mid-stream; new connections are accepted at once.
        relay.Block();
        relay.Unblock();
        return await RecoverAsync(source, churn, name, false, null, Stopwatch.StartNew());
    }

    private async Task<SoakFaultRecord> CompactAsync(LiveClusterSource source, LoopbackTcpRelay relay, SoakChurn churn, string name)
    {
        // Keep the source away while the churn changes things, compact etcd past its resourceVersion, and restart the
        // API server so its watch cache starts after that revision too: the re-watch must get 410 Gone and relist.
        var fault = Stopwatch.StartNew();
        relay.Block();
        var seen = await WaitAsync(() => source.Store.Current.Connection == ConnectionState.Disconnected, TimeSpan.FromSeconds(20), null);
        var seenAfter = fault.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(1));
        var revision = await plane.CompactEtcdAsync();
        await plane.RestartApiServerAsync();
        relay.Unblock();
        log($"  compacted etcd at revision {revision}");
        return await RecoverAsync(source, churn, name, seen, seen ? seenAfter : null, Stopwatch.StartNew());
    }

    private async Task<SoakFaultRecord> PauseEtcdAsync(LiveClusterSource source, SoakChurn churn, string name)
    {
        var pid = EtcdPid();
        var fault = Stopwatch.StartNew();
        Signal("STOP", pid);
        bool seen;
        try
        {
            seen = await WaitAsync(() => source.Store.Current.Connection == ConnectionState.Disconnected, options.EtcdPause, null);
        }
        finally
        {
            var left = options.EtcdPause - fault.Elapsed;
            if (left > TimeSpan.Zero)
            {
                await Task.Delay(left);
            }

            Signal("CONT", pid);
        }

        return await RecoverAsync(source, churn, name, seen, seen ? fault.Elapsed : null, Stopwatch.StartNew());
    }

    /// <summary>Pauses the churn, waits until the snapshot equals the server, resumes. The clock started when the fault ended.</summary>
    private async Task<SoakFaultRecord> RecoverAsync(LiveClusterSource source, SoakChurn churn, string name, bool seen, TimeSpan? seenAfter, Stopwatch restored)
    {
        await churn.PauseAsync();
        try
        {
            var difference = "not compared";
            var onServer = 0;
            while (restored.Elapsed < options.RecoveryTimeout)
            {
                var snapshot = source.Store.Current;
                var server = await ServerPodsAsync();
                if (server is not null)
                {
                    onServer = server.Count;
                    difference = Difference(server, snapshot);
                    if (difference.Length == 0 && snapshot.Connection == ConnectionState.Connected && snapshot.StatusOf(ResourceKind.Pods).State == KindState.Synced)
                    {
                        return new SoakFaultRecord(name, seen, seenAfter, restored.Elapsed, "", onServer);
                    }

                    if (difference.Length == 0)
                    {
                        difference = $"connection {snapshot.Connection}, pods {snapshot.StatusOf(ResourceKind.Pods).State}";
                    }
                }

                await Task.Delay(100);
            }

            return new SoakFaultRecord(name, seen, seenAfter, restored.Elapsed, difference, onServer);
        }
        finally
        {
            churn.Resume();
        }
    }

    private async Task<SortedDictionary<string, string>?> ServerPodsAsync()
    {
        try
        {
            using var admin = Client(plane);
            var pods = await admin.CoreV1.ListNamespacedPodAsync(Namespace);
            return new SortedDictionary<string, string>(pods.Items.ToDictionary(p => p.Metadata.Name, p => p.Status?.PodIP ?? ""), StringComparer.Ordinal);
        }
        catch (Exception e) when (e is HttpOperationException or HttpRequestException or TaskCanceledException or IOException)
        {
            // The server is still coming back.
            return null;
        }
    }

    /// <summary>Empty when the snapshot's pods of <see cref="Namespace"/> are exactly the server's, with the same pod IPs.</summary>
    public static string Difference(SortedDictionary<string, string> server, ClusterSnapshot snapshot)
    {
        var seen = snapshot.Pods.Where(p => p.Namespace == Namespace).ToList();
        var mine = new Dictionary<string, string>(StringComparer.Ordinal);
        var duplicated = new List<string>();
        foreach (var pod in seen)
        {
            if (!mine.TryAdd(pod.Name, pod.PodIp ?? ""))
            {
                duplicated.Add(pod.Name);
            }
        }

        var missing = server.Keys.Where(k => !mine.ContainsKey(k)).ToList();
        var extra = mine.Keys.Where(k => !server.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        var stale = server.Where(kv => mine.TryGetValue(kv.Key, out var ip) && ip != kv.Value).Select(kv => $"{kv.Key} ({mine[kv.Key]} ≠ {kv.Value})").ToList();
        return missing.Count + extra.Count + stale.Count + duplicated.Count == 0
            ? ""
            : $"missing [{string.Join(", ", missing.Take(10))}{(missing.Count > 10 ? $" +{missing.Count - 10}" : "")}] extra [{string.Join(", ", extra.Take(10))}] " +
              $"stale [{string.Join(", ", stale.Take(10))}] duplicated [{string.Join(", ", duplicated)}]";
    }

    private int EtcdPid()
    {
        var env = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(plane.Directory, "env.json")))!;
        return int.Parse(env["ETCD_PID"], CultureInfo.InvariantCulture);
    }

    private static void Signal(string signal, int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {pid} failed ({kill.ExitCode})");
        }
    }

    private static async Task<bool> WaitAsync(Func<bool> condition, TimeSpan timeout, string? what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > timeout)
            {
                return what is null ? false : throw new TimeoutException($"{what}: not within {timeout.TotalSeconds:0} s");
            }

            await Task.Delay(50);
        }

        return true;
    }

    /// <summary>A client straight to the API server (not through the relay), with a short timeout for requests made during faults.</summary>
    public static k8s.Kubernetes Client(TestControlPlane plane)
    {
        var config = plane.AdminConfig();
        config.HttpClientTimeout = TimeSpan.FromSeconds(5);
        return new k8s.Kubernetes(config);
    }
}
