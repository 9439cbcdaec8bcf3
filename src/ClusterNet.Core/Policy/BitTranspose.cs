namespace ClusterNet.Core.Policy;

/// <summary>Transposes square bit matrices stored as rows of ulong words, 64×64 blocks at a time.</summary>
internal static class BitTranspose
{
    /// <summary>
    /// Given columns[d] (bit s set when d's column admits s; null means every s), returns rows[s] with bit d set
    /// when columns[d] has s. Cost: (N/64)² block transposes of ~400 operations.
    /// </summary>
    public static PodSet[] ColumnsToRows(PodSet?[] columns, int n)
    {
        var rows = new PodSet[n];
        for (var s = 0; s < n; s++)
        {
            rows[s] = new PodSet(n);
        }

        var words = (n + 63) >> 6;
        var all = PodSet.All(n).Words;
        Span<ulong> block = stackalloc ulong[64];
        for (var db = 0; db < words; db++)
        {
            for (var sw = 0; sw < words; sw++)
            {
                ulong any = 0, every = ulong.MaxValue;
                for (var j = 0; j < 64; j++)
                {
                    var d = (db << 6) + j;
                    var v = d < n ? (columns[d]?.Words ?? all)[sw] : 0;
                    block[j] = v;
                    any |= v;
                    every &= d < n ? v : ulong.MaxValue;
                }

                // Isolated namespaces make most blocks empty; rows start empty, so there is nothing to write.
                if (any == 0)
                {
                    continue;
                }

                if (every == ulong.MaxValue)
                {
                    // Bits past the last pod must stay clear: Count and Members rely on it.
                    var valid = n - (db << 6);
                    block.Fill(valid >= 64 ? ulong.MaxValue : (1UL << valid) - 1);
                }
                else
                {
                    Transpose64(block);
                }
                for (var i = 0; i < 64; i++)
                {
                    var s = (sw << 6) + i;
                    if (s >= n)
                    {
                        break;
                    }

                    rows[s].Words[db] = block[i];
                }
            }
        }

        return rows;
    }

    /// <summary>In-place transpose of a 64×64 bit matrix, element (r, c) = bit c of a[r] (Hacker's Delight, LSB-first).</summary>
    public static void Transpose64(Span<ulong> a)
    {
        var m = 0x00000000FFFFFFFFUL;
        for (var j = 32; j != 0; j >>= 1, m ^= m << j)
        {
            for (var k = 0; k < 64; k = ((k | j) + 1) & ~j)
            {
                var t = ((a[k] >> j) ^ a[k | j]) & m;
                a[k] ^= t << j;
                a[k | j] ^= t;
            }
        }
    }
}
