using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;

namespace ClusterNet.Core.Tests.Policy;

/// <summary>The bitset matrix, its incremental update and the one-pod queries agree with the pair-by-pair evaluator.</summary>
public sealed class MatrixConsistencyTests
{
    private static readonly ReachProbe[] Probes = [ReachProbe.Tcp(80), ReachProbe.Tcp(81), new(53, "UDP"), ReachProbe.Tcp(8080), new(80, "SCTP")];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void ComputeMatrix_RandomCluster_MatchesNaiveEveryCell(int seed)
    {
        var snapshot = RandomCluster.Build(seed, namespaces: 4, podsPerNamespace: 7, policies: 14);
        var engine = PolicyEngine.Build(snapshot);
        var matrix = engine.ComputeMatrix(Probes);
        AssertMatchesNaive(engine, matrix);
        var verdicts = matrix.Cells().Select(c => c.Verdict).ToHashSet();
        Assert.Equal(3, verdicts.Count); // the random cluster exercises allowed, denied and implementation-defined cells
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    public void Recompute_AfterReplaceAddAndDelete_EqualsFreshMatrix(int seed)
    {
        var snapshot = RandomCluster.Build(seed, namespaces: 4, podsPerNamespace: 6, policies: 10);
        var engine = PolicyEngine.Build(snapshot);
        var matrix = engine.ComputeMatrix(Probes);
        var rnd = new Random(seed * 7);
        for (var step = 0; step < 6; step++)
        {
            PolicyEngine next;
            ObjectKey changed;
            if (step % 3 == 2 && engine.Snapshot.NetworkPolicies.Count > 0)
            {
                changed = engine.Snapshot.NetworkPolicies[rnd.Next(engine.Snapshot.NetworkPolicies.Count)].Key;
                next = engine.WithoutPolicy(changed);
            }
            else
            {
                var p = RandomCluster.Policy(rnd, snapshot, step % 3 == 0 && engine.Snapshot.NetworkPolicies.Count > 0
                    ? engine.Snapshot.NetworkPolicies[rnd.Next(engine.Snapshot.NetworkPolicies.Count)].Name : $"new-{step}");
                changed = p.Key;
                next = engine.WithPolicy(p);
            }

            var patched = matrix.Recompute(next, [changed]);
            var fresh = PolicyEngine.Build(next.Snapshot).ComputeMatrix(Probes);
            for (var f = 0; f < fresh.Pods.Length; f++)
            {
                for (var t = 0; t < fresh.Pods.Length; t++)
                {
                    for (var p = 0; p < Probes.Length; p++)
                    {
                        Assert.True(fresh.VerdictOf(f, t, p) == patched.VerdictOf(f, t, p), $"step {step} {fresh.Pods[f]}->{fresh.Pods[t]} {Probes[p]}");
                    }
                }
            }

            AssertMatchesNaive(next, patched);
            engine = next;
            matrix = patched;
        }
    }

    [Fact]
    public void ComputeMatrix_PortsNoPolicyMentions_ShareOneClass()
    {
        var snapshot = RandomCluster.Build(9, namespaces: 2, podsPerNamespace: 3, policies: 0);
        var matrix = PolicyEngine.Build(snapshot).ComputeMatrix(Probes);
        Assert.Equal(1, matrix.PortClassCount);
        Assert.Equal(matrix.Pods.Length * (long)matrix.Pods.Length, matrix.CountAllowed(0));
    }

    [Fact]
    public void Transpose64_RandomBlock_IsTranspose()
    {
        var rnd = new Random(3);
        var a = new ulong[64];
        for (var i = 0; i < 64; i++)
        {
            a[i] = (ulong)rnd.NextInt64() ^ ((ulong)rnd.Next() << 40);
        }

        var b = (ulong[])a.Clone();
        BitTranspose.Transpose64(b);
        for (var r = 0; r < 64; r++)
        {
            for (var c = 0; c < 64; c++)
            {
                Assert.Equal((a[r] >> c) & 1, (b[c] >> r) & 1);
            }
        }
    }

    private static void AssertMatchesNaive(PolicyEngine engine, ReachMatrix matrix)
    {
        for (var f = 0; f < matrix.Pods.Length; f++)
        {
            for (var p = 0; p < matrix.Probes.Length; p++)
            {
                var row = engine.ReachabilityFrom(matrix.Pods[f], matrix.Probes[p]);
                for (var t = 0; t < matrix.Pods.Length; t++)
                {
                    var naive = engine.ExplainNaive(ReachEndpoint.OfPod(matrix.Pods[f]), ReachEndpoint.OfPod(matrix.Pods[t]), matrix.Probes[p]);
                    Assert.True(naive.Allowed == matrix.IsAllowed(f, t, p), $"{matrix.Pods[f]}->{matrix.Pods[t]} {matrix.Probes[p]}: naive {naive.Allowed}: {naive.Summary}");
                    Assert.True(naive.Verdict == matrix.VerdictOf(f, t, p), $"{matrix.Pods[f]}->{matrix.Pods[t]} {matrix.Probes[p]}: naive {naive.Verdict}, matrix {matrix.VerdictOf(f, t, p)}");
                    Assert.Equal(naive.Verdict, row.Peers[t].Verdict);
                    Assert.Equal(naive.Allowed, engine.IsAllowedNaive(matrix.Pods[f], matrix.Pods[t], matrix.Probes[p]));
                }
            }
        }
    }
}

public sealed class BitTransposeTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(130)]
    public void ColumnsToRows_MixedNullEmptyAndRandomColumns_TransposesAndKeepsTailClear(int n)
    {
        var rnd = new Random(n);
        var columns = new PodSet?[n];
        for (var d = 0; d < n; d++)
        {
            if (d % 3 == 0)
            {
                continue; // null: every source
            }

            var set = new PodSet(n);
            for (var s = 0; s < n; s++)
            {
                if (d % 3 == 1 && rnd.Next(3) == 0)
                {
                    set.Add(s);
                }
            }

            columns[d] = set;
        }

        var rows = BitTranspose.ColumnsToRows(columns, n);
        for (var s = 0; s < n; s++)
        {
            for (var d = 0; d < n; d++)
            {
                Assert.Equal(columns[d]?.Has(s) ?? true, rows[s].Has(d));
            }

            Assert.All(rows[s].Members(), m => Assert.InRange(m, 0, n - 1));
        }
    }
}
