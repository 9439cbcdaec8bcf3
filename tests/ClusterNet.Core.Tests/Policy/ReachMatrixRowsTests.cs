using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using ClusterNet.Core.Tests.Policy.Tiers;

namespace ClusterNet.Core.Tests.Policy;

/// <summary>
/// The matrix rows' shared storage: a patch writes into copies held in pages, every older version keeps exactly the
/// bits it had, rows a patch leaves alone stay shared, and replaced page slots never hold more than one matrix of rows.
/// Checked against plain word arrays over many generations of random writes, and at the matrix level against rebuilds.
/// </summary>
public sealed class ReachMatrixRowsTests
{
    [Theory]
    [InlineData(1, 200)]
    [InlineData(2, 64)]
    [InlineData(3, 3)]
    [InlineData(4, 1000)]
    public void Edit_RandomWritesOverGenerations_EqualModelAndOldVersionsUnchanged(int seed, int n)
    {
        var rnd = new Random(seed);
        var model = RandomRows(rnd, n);
        var rows = ReachMatrixRows.Of([.. model.Select(w => Set(n, w))], n);
        var versions = new List<(ReachMatrixRows Rows, ulong[][] Model)> { (rows, Copy(model)) };
        var compactions = 0;
        for (var generation = 0; generation < 40; generation++)
        {
            // Mostly small patches, now and then one that rewrites most rows (pages fill, slots get replaced, compaction).
            var touched = rnd.Next(4) == 0 ? rnd.Next(n) + 1 : rnd.Next(Math.Min(n, 20)) + 1;
            var writer = rows.Edit();
            var written = new HashSet<int>();
            for (var k = 0; k < touched; k++)
            {
                var s = rnd.Next(n);
                var word = rnd.Next(model[s].Length);
                var mask = Valid(n, word) & NextWord(rnd);
                var value = NextWord(rnd);
                writer.Write(s, word, mask, value);
                if (word == s >> 6)
                {
                    mask &= ~(1UL << (s & 63));
                }

                model[s][word] = (model[s][word] & ~mask) | (value & mask);
                written.Add(s);
            }

            var next = writer.Finish();
            for (var s = 0; s < n; s++)
            {
                Assert.True(next[s].SequenceEqual(model[s]), $"seed {seed} generation {generation} row {s}");
                if (!written.Contains(s))
                {
                    // Compaction moves paged rows no write touched (same bits, new place).
                    Assert.True(rows.SharesRow(next, s) || writer.Compacted, $"generation {generation}: row {s} was not written but is not shared");
                }
                else if (!rows.RowEquals(next, s))
                {
                    Assert.False(rows.SharesRow(next, s));
                }
            }

            Assert.InRange(next.PageSlots - next.PagedRows, 0, Math.Max(n, 16));
            compactions += writer.Compacted ? 1 : 0;
            versions.Add((next, Copy(model)));
            rows = next;
        }

        Assert.True(compactions > 0, "the writes never made the rows compact: the test misses that path");
        foreach (var (version, expected) in versions)
        {
            for (var s = 0; s < n; s++)
            {
                Assert.True(version[s].SequenceEqual(expected[s]), $"seed {seed}: an older version's row {s} changed");
            }
        }
    }

    [Fact]
    public void Write_OwnBit_StaysSet()
    {
        var rows = ReachMatrixRows.Of([Set(70, [1UL, 0]), Set(70, [0, 1UL << 2])], 70);

        var writer = rows.Edit();
        writer.Write(0, 0, ulong.MaxValue, 0);
        writer.Write(1, 1, ulong.MaxValue, 0);
        writer.Write(1, 0, 1, 1);
        var next = writer.Finish();

        Assert.True(next.Has(0, 0));
        Assert.True(next.Has(1, 0));
        Assert.False(next.Has(1, 66));
        Assert.Equal(1, next.CountOf(0));
        Assert.Equal(1, writer.CopiedRows);
        Assert.True(rows.Has(1, 66));
    }

    [Fact]
    public void Edit_WritesThatChangeNothing_CopyNoRow()
    {
        var rows = ReachMatrixRows.Of([Set(10, [0b1011UL]), Set(10, [0b0110UL])], 10);

        var writer = rows.Edit();
        writer.Write(0, 0, 0b1111, 0b1011);
        writer.Write(1, 0, 0b0001, 0);
        var next = writer.Finish();

        Assert.Equal(0, writer.CopiedRows);
        Assert.True(rows.SharesRow(next, 0) && rows.SharesRow(next, 1));
        Assert.Equal(rows.ApproximateBytes, next.ApproximateBytes);
    }

    [Fact]
    public void ApproximateBytes_AfterPatches_CountsPagesAndStaysWithinTwoMatrices()
    {
        const int n = 500;
        var rnd = new Random(9);
        var rows = ReachMatrixRows.Of([.. RandomRows(rnd, n).Select(w => Set(n, w))], n);
        var oneMatrix = rows.ApproximateBytes;
        for (var generation = 0; generation < 20; generation++)
        {
            var writer = rows.Edit();
            for (var s = 0; s < n; s += 1 + rnd.Next(3))
            {
                var word = rnd.Next(rows.WordsPerRow);
                writer.Write(s, word, Valid(n, word), NextWord(rnd));
            }

            var next = writer.Finish();
            Assert.True(next.ApproximateBytes >= oneMatrix - (n * 24L), $"generation {generation}: {next.ApproximateBytes} below the rows' words");
            Assert.True(next.ApproximateBytes <= 2 * oneMatrix, $"generation {generation}: {next.ApproximateBytes} bytes, one matrix is {oneMatrix}");
            rows = next;
        }
    }

    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    public void Recompute_PatchChain_EveryVersionStillEqualsItsRebuild(int seed)
    {
        var probes = new[] { ReachProbe.Tcp(80), new ReachProbe(53, "UDP") };
        var snapshot = RandomCluster.Build(seed, namespaces: 5, podsPerNamespace: 16, policies: 12);
        var engine = PolicyEngine.Build(snapshot);
        var versions = new List<ReachMatrix> { engine.ComputeMatrix(probes) };
        var rnd = new Random(seed);
        for (var step = 0; step < 12; step++)
        {
            var existing = engine.Snapshot.NetworkPolicies;
            PolicyEngine next;
            ObjectKey changed;
            if (step % 4 == 3 && existing.Count > 0)
            {
                changed = existing[rnd.Next(existing.Count)].Key;
                next = engine.WithoutPolicy(changed);
            }
            else
            {
                var p = RandomCluster.Policy(rnd, snapshot, step % 2 == 0 && existing.Count > 0 ? existing[rnd.Next(existing.Count)].Name : $"new-{step}");
                changed = p.Key;
                next = engine.WithPolicy(p);
            }

            versions.Add(versions[^1].Recompute(next, [changed]));
            engine = next;
        }

        // Checked after the whole chain: a later patch must not have written into an earlier version's rows.
        foreach (var (version, i) in versions.Select((v, i) => (v, i)))
        {
            var fresh = PolicyEngine.Build(version.Engine.Snapshot).ComputeMatrix(probes);
            TierIncrementalTests.AssertSame(fresh, version, $"seed {seed} version {i}");
        }
    }

    [Theory]
    [InlineData(41)]
    [InlineData(42)]
    public void Recompute_ClusterPolicyEditsFlippingWholeBlocks_EqualRebuild(int seed)
    {
        // 160 pods: namespace-wide subjects flip dense 64×64 blocks (the transpose path), single apps sparse ones (bit by bit).
        var probes = new[] { ReachProbe.Tcp(80), new ReachProbe(53, "UDP") };
        var rnd = new Random(seed);
        var snapshot = RandomCluster.Build(seed, namespaces: 4, podsPerNamespace: 40, policies: 6) with
        {
            ClusterNetworkPolicies = KindCollection<ClusterPolicyInfo>.From(Enumerable.Range(0, 4).Select(i => RandomClusterPolicy.Next(rnd, ClusterPolicyKind.ClusterNetworkPolicy, $"cnp{i}"))),
        };
        var engine = PolicyEngine.Build(snapshot);
        var matrix = engine.ComputeMatrix(probes);
        var densest = 0;
        for (var step = 0; step < 8; step++)
        {
            var next = engine.WithClusterPolicy(RandomClusterPolicy.Next(rnd, ClusterPolicyKind.ClusterNetworkPolicy, $"cnp{rnd.Next(5)}"));
            var patched = matrix.Recompute(next, []);
            TierIncrementalTests.AssertSame(PolicyEngine.Build(next.Snapshot).ComputeMatrix(probes), patched, $"seed {seed} step {step}");
            densest = Math.Max(densest, DensestBlockFlip(matrix, patched));
            (engine, matrix) = (next, patched);
        }

        Assert.True(densest > 160, $"no edit flipped more than 160 bits of one 64×64 block ({densest}): the transpose path went untested");
    }

    /// <summary>The most cells one 64×64 block (64 sources × 64 destinations) flipped between two matrices, over port classes.</summary>
    private static int DensestBlockFlip(ReachMatrix a, ReachMatrix b)
    {
        var most = 0;
        for (var p = 0; p < a.Probes.Length; p++)
        {
            var (x, y) = (a.LayerOf(p).Rows, b.LayerOf(p).Rows);
            var flips = new Dictionary<(int, int), int>();
            for (var s = 0; s < x.Length; s++)
            {
                for (var w = 0; w < x.WordsPerRow; w++)
                {
                    var key = (s >> 6, w);
                    flips[key] = flips.GetValueOrDefault(key) + System.Numerics.BitOperations.PopCount(x[s][w] ^ y[s][w]);
                }
            }

            most = Math.Max(most, flips.Values.Max());
        }

        return most;
    }

    private static ulong[][] RandomRows(Random rnd, int n)
    {
        var words = (n + 63) >> 6;
        var rows = new ulong[n][];
        for (var s = 0; s < n; s++)
        {
            rows[s] = new ulong[words];
            for (var w = 0; w < words; w++)
            {
                rows[s][w] = NextWord(rnd) & Valid(n, w);
            }

            rows[s][s >> 6] |= 1UL << (s & 63);
        }

        return rows;
    }

    private static PodSet Set(int n, ulong[] words)
    {
        var set = new PodSet(n);
        words.CopyTo(set.Words, 0);
        return set;
    }

    private static ulong[][] Copy(ulong[][] rows) => [.. rows.Select(r => (ulong[])r.Clone())];

    private static ulong NextWord(Random rnd) => (ulong)rnd.NextInt64() ^ ((ulong)rnd.Next(2) << 63);

    /// <summary>The bits of word <paramref name="w"/> that stand for pods (bits past the last pod stay clear).</summary>
    private static ulong Valid(int n, int w) => n - (w << 6) >= 64 ? ulong.MaxValue : (1UL << (n - (w << 6))) - 1;
}
