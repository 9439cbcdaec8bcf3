using BenchmarkDotNet.Attributes;
using ClusterNet.Core.Policy;

namespace ClusterNet.Bench.Policy;

/// <summary>
/// The policy page's namespace × namespace summary (200 × 200) of a 10k-pod one-probe matrix: row popcounts over
/// namespace ranges versus the former walk over all 10⁸ pod pairs, measured in the same run.
/// </summary>
[MemoryDiagnoser]
public class NamespaceMatrixBenchmarks
{
    private ReachMatrix _matrix = null!;

    [GlobalSetup]
    public void Setup()
    {
        var engine = PolicyEngine.Build(PolicyBenchCluster.Build());
        _matrix = engine.ComputeMatrix([ReachProbe.Tcp(8000)]);
    }

    [Benchmark(Description = "namespace matrix 200 x 200 from 10k pods (popcounts)")]
    public NamespaceMatrix Popcounts() => NamespaceMatrix.Build(_matrix, 0);

    [Benchmark(Baseline = true, Description = "namespace matrix, every pod pair (former implementation)")]
    public long PairByPair() => PairByPairCounts(_matrix, 0);

    /// <summary>What <see cref="NamespaceMatrix.Build"/> did before: one IsAllowed and VerdictOf per pod pair.</summary>
    public static long PairByPairCounts(ReachMatrix matrix, int probe)
    {
        var n = matrix.Pods.Length;
        long allowed = 0, depends = 0;
        for (var s = 0; s < n; s++)
        {
            for (var d = 0; d < n; d++)
            {
                allowed += matrix.IsAllowed(s, d, probe) ? 1 : 0;
                depends += matrix.VerdictOf(s, d, probe) == ReachVerdict.DependsOnImplementation ? 1 : 0;
            }
        }

        return allowed * 31 + depends;
    }
}
