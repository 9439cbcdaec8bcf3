using ClusterNet.Core.Policy;

namespace ClusterNet.Core.Tests.Policy;

/// <summary>The popcount namespace matrix equals the former walk over every pod pair, cell by cell.</summary>
public sealed class NamespaceMatrixRandomTests
{
    private static readonly ReachProbe[] Probes = [ReachProbe.Tcp(80), ReachProbe.Tcp(81), new(53, "UDP"), ReachProbe.Tcp(8080), new(80, "SCTP")];

    [Theory]
    [InlineData(1, 4, 7, 14)]
    [InlineData(2, 5, 13, 20)]
    [InlineData(3, 3, 70, 12)] // namespaces spanning several 64-bit words
    [InlineData(4, 9, 1, 6)]
    [InlineData(5, 2, 33, 0)]
    public void Build_RandomCluster_EqualsPairByPairCounts(int seed, int namespaces, int podsPerNamespace, int policies)
    {
        var engine = PolicyEngine.Build(RandomCluster.Build(seed, namespaces, podsPerNamespace, policies));
        var matrix = engine.ComputeMatrix(Probes);
        var sawDepends = false;
        for (var p = 0; p < Probes.Length; p++)
        {
            var fast = NamespaceMatrix.Build(matrix, p);
            var slow = PairByPair(matrix, p);
            Assert.Equal(slow.Count, fast.Namespaces.Length * fast.Namespaces.Length);
            for (var a = 0; a < fast.Namespaces.Length; a++)
            {
                for (var b = 0; b < fast.Namespaces.Length; b++)
                {
                    Assert.Equal(slow[(fast.Namespaces[a], fast.Namespaces[b])], fast[a, b]);
                    sawDepends |= fast[a, b].DependsOnImplementation > 0;
                }
            }
        }

        // The random clusters with policies have hostNetwork pods and ipBlocks on pod IPs: the depends count is exercised.
        Assert.True(sawDepends || policies == 0);
    }

    /// <summary>The implementation this replaced: every (source, destination) pair looked up one at a time.</summary>
    private static Dictionary<(string, string), NamespaceCell> PairByPair(ReachMatrix matrix, int probe)
    {
        var pods = matrix.Pods;
        var names = pods.Select(p => p.Namespace).Distinct(StringComparer.Ordinal).ToList();
        var result = new Dictionary<(string, string), NamespaceCell>();
        foreach (var a in names)
        {
            foreach (var b in names)
            {
                long pairs = 0, allowed = 0, depends = 0;
                for (var s = 0; s < pods.Length; s++)
                {
                    for (var d = 0; d < pods.Length; d++)
                    {
                        if (pods[s].Namespace != a || pods[d].Namespace != b)
                        {
                            continue;
                        }

                        pairs++;
                        allowed += matrix.IsAllowed(s, d, probe) ? 1 : 0;
                        depends += matrix.VerdictOf(s, d, probe) == ReachVerdict.DependsOnImplementation ? 1 : 0;
                    }
                }

                result[(a, b)] = new NamespaceCell(a, b, pairs, allowed, pairs - allowed, depends);
            }
        }

        return result;
    }
}
