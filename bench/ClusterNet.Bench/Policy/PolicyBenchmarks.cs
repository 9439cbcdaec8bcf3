using BenchmarkDotNet.Attributes;
using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;

namespace ClusterNet.Bench.Policy;

/// <summary>
/// Issue 4 targets at 10k pods / 200 namespaces / 2k policies / 20 ports: full matrix &lt; 2 s and &lt; 1 GB, one pod
/// &lt; 20 ms, recompute after one policy change &lt; 100 ms, and the naive pair-by-pair baseline measured in the same run
/// (on 2,000 pairs × 20 probes; multiply its mean by N²/2,000 for the whole matrix).
/// </summary>
[MemoryDiagnoser]
public class PolicyBenchmarks
{
    public const int NaivePairs = 2_000;

    private ClusterSnapshot _snapshot = null!;
    private PolicyEngine _engine = null!;
    private ReachMatrix _matrix = null!;
    private ReachProbe[] _probes = null!;
    private NetworkPolicyInfo _changed = null!;
    private (ObjectKey From, ObjectKey To)[] _pairs = null!;

    [GlobalSetup]
    public void Setup()
    {
        _snapshot = PolicyBenchCluster.Build();
        _engine = PolicyEngine.Build(_snapshot);
        _probes = [.. Enumerable.Range(8000, 20).Select(ReachProbe.Tcp)];
        _matrix = _engine.ComputeMatrix(_probes);
        var victim = _snapshot.NetworkPolicies.First(p => p.Name.StartsWith("allow-app-", StringComparison.Ordinal));
        _changed = victim with { PodSelector = new LabelSelector { MatchLabels = LabelMap.Of(("tier", "front")) } };
        var rnd = new Random(7);
        _pairs = [.. Enumerable.Range(0, NaivePairs).Select(_ => (_engine.Pods[rnd.Next(_engine.Pods.Length)], _engine.Pods[rnd.Next(_engine.Pods.Length)]))];
    }

    [Benchmark(Description = "build engine (compile 2k policies)")]
    public PolicyEngine BuildEngine() => PolicyEngine.Build(_snapshot);

    [Benchmark(Description = "full matrix 10k x 10k x 20 probes (engine built)")]
    public ReachMatrix FullMatrix() => _engine.ComputeMatrix(_probes);

    [Benchmark(Description = "reachability from one pod, one probe")]
    public PodReachability OnePod() => _engine.ReachabilityFrom(_engine.Pods[1234], _probes[3]);

    [Benchmark(Description = "recompute after one policy change")]
    public ReachMatrix RecomputeAfterChange() => _matrix.Recompute(_engine.WithPolicy(_changed), [_changed.Key]);

    [Benchmark(Description = "naive: 2,000 pairs x 20 probes, pair by pair")]
    public int NaivePairByPair()
    {
        var allowed = 0;
        foreach (var (f, t) in _pairs)
        {
            foreach (var p in _probes)
            {
                if (_engine.IsAllowedNaive(f, t, p))
                {
                    allowed++;
                }
            }
        }

        return allowed;
    }
}
