using BenchmarkDotNet.Attributes;
using ClusterNet.Core.Model;
using ClusterNet.Core.Store;

namespace ClusterNet.Bench.Store;

/// <summary>
/// Store ingestion with 10k pods, 2k services, 1k policies: the initial snapshot (what a first sync costs once the
/// lists arrived) and one watch event → published snapshot on a full store.
/// Run: dotnet run -c Release --project bench/ClusterNet.Bench -- --filter '*StoreIngestion*'
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class StoreIngestionBenchmarks
{
    private static readonly SourceInfo Source = new("kubeconfig", "bench");
    private SyntheticCluster _cluster = null!;
    private ClusterStore _full = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _cluster = SyntheticCluster.Build();
        _full = new ClusterStore(Source, TimeSpan.Zero);
        Load(_full, _cluster);
        _full.Flush();
    }

    [GlobalCleanup]
    public void Cleanup() => _full.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Replace (as after the initial lists) of 13k objects, then build and publish the snapshot.</summary>
    [Benchmark]
    public ClusterSnapshot InitialSnapshot()
    {
        var store = new ClusterStore(Source, TimeSpan.Zero);
        Load(store, _cluster);
        var snap = store.Flush();
        store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return snap;
    }

    /// <summary>One pod changes its IP; the next snapshot is built and published.</summary>
    [Benchmark]
    public ClusterSnapshot OneEventOnFullStore()
    {
        var i = _next++ % 10_000;
        _full.Upsert(SyntheticCluster.Pod(i, 50, $"10.250.{_next % 250}.{(i % 250) + 1}", _next));
        return _full.Flush();
    }

    internal static void Load(ClusterStore store, SyntheticCluster cluster)
    {
        store.Replace(ResourceKind.Pods, cluster.Pods);
        store.Replace(ResourceKind.Services, cluster.Services);
        store.Replace(ResourceKind.NetworkPolicies, cluster.Policies);
    }
}
