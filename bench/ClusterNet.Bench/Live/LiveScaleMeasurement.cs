using System.Diagnostics;
using System.Text.Json;
using ClusterNet.Bench.Store;
using ClusterNet.Testing;
using ClusterNet.Testing.LiveScale;

namespace ClusterNet.Bench.Live;

/// <summary>
/// `live-scale`: the dashboard as a real Release process against kube-apiserver 1.20 (tests/testenv) holding PODS pods
/// on NODES nodes (50 per namespace) and POLICIES NetworkPolicies: process start → /readyz 200, working set at ready and
/// after a full GC, and a new pod → /api/snapshot and → an open browser page (median/p95 of --changes pods).
/// The populated etcd is cached as an etcd snapshot in /var/tmp/clusternet-live-scale (outside the repository), so a
/// second run at the same size skips the creation (--fresh ignores the cache).
/// kube-controller-manager runs only the testenv default controllers (endpoint, endpointslice, namespace,
/// serviceaccount): neither PodGC nor the node lifecycle controller runs, so nothing deletes or evicts the pods of
/// these kubelet-less nodes; the nodes still carry a Ready condition so they look real.
/// Run: dotnet run -c Release --project bench/ClusterNet.Bench -- live-scale [--pods 10000] [--nodes 100] [--policies 2000] [--changes 10] [--no-browser] [--fresh] [--app PATH/ClusterNet.Web.dll]
/// </summary>
public static class LiveScaleMeasurement
{
    private const string CacheDirectory = "/var/tmp/clusternet-live-scale";

    // Bump when ScaleManifests changes shape, so an old cache is not reused.
    private const int ManifestVersion = 1;

    public static async Task<int> RunAsync(string[] args)
    {
        var root = TestControlPlane.FindRepoRoot();
        var options = new LiveScaleOptions
        {
            Pods = StoreLatencyMeasurement.IntArg(args, "--pods", 10_000),
            Nodes = StoreLatencyMeasurement.IntArg(args, "--nodes", 100),
            Policies = StoreLatencyMeasurement.IntArg(args, "--policies", 2_000),
            Changes = StoreLatencyMeasurement.IntArg(args, "--changes", 10),
            Browser = !args.Contains("--no-browser"),
            // --app: another build of the dashboard (e.g. a copy of the previous one) for a before/after pair of runs.
            AppDll = PathArg(args, "--app") ?? Path.Combine(root, "src", "ClusterNet.Web", "bin", "Release", "net10.0", "ClusterNet.Web.dll"),
        };
        Console.WriteLine($"live-scale: {options.Pods:N0} pods on {options.Nodes} nodes in {options.Namespaces:N0} namespaces, {options.Policies:N0} NetworkPolicies; " +
                          $"{Environment.ProcessorCount} CPUs, load {LoadAverage()}");

        Directory.CreateDirectory(CacheDirectory);
        var cache = Path.Combine(CacheDirectory, $"v{ManifestVersion}-{options.Pods}p-{options.Nodes}n-{options.Policies}np-{options.PodsPerNamespace}.db");
        var restore = File.Exists(cache) && !args.Contains("--fresh");
        var clock = Stopwatch.StartNew();
        Environment.SetEnvironmentVariable("TESTENV_ETCD_RESTORE", restore ? cache : null);
        TestControlPlane plane;
        try
        {
            plane = await TestControlPlane.StartAsync();
        }
        finally
        {
            Environment.SetEnvironmentVariable("TESTENV_ETCD_RESTORE", null);
        }

        await using (plane)
        {
            Console.WriteLine($"control plane started in {clock.Elapsed.TotalSeconds:0.0} s{(restore ? $" from the cached cluster {cache}" : "")}");
            var run = new LiveScaleRun(plane, options, Console.WriteLine);
            if (!restore)
            {
                await run.PopulateAsync();
                await SaveAsync(plane, cache);
            }

            var result = await run.MeasureAsync(Path.GetTempPath());
            Console.WriteLine(result);
            Console.WriteLine($"load average at the end: {LoadAverage()}");
        }

        return 0;
    }

    /// <summary>Compacts and defragments etcd, then saves it as a snapshot file for the next run at this size.</summary>
    private static async Task SaveAsync(TestControlPlane plane, string cache)
    {
        var env = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(Path.Combine(plane.Directory, "env.json")))!;
        await plane.CompactEtcdAsync();
        var etcdctl = env["ETCDCTL_BIN"];
        var environment = new Dictionary<string, string> { ["ETCDCTL_API"] = "3" };
        await ShellCommand.RunAsync(etcdctl, ["--endpoints", plane.EtcdEndpoint, "defrag"], timeout: TimeSpan.FromMinutes(2), environment: environment);
        var temp = cache + ".tmp";
        var saved = await ShellCommand.RunAsync(etcdctl, ["--endpoints", plane.EtcdEndpoint, "snapshot", "save", temp], timeout: TimeSpan.FromMinutes(2), environment: environment);
        if (saved.ExitCode != 0)
        {
            Console.WriteLine($"could not cache the populated cluster: {saved.Tail()}");
            return;
        }

        File.Move(temp, cache, overwrite: true);
        Console.WriteLine($"cached the populated cluster in {cache} ({new FileInfo(cache).Length / 1048576.0:0} MB)");
    }

    private static string? PathArg(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? Path.GetFullPath(args[i + 1]) : null;

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
