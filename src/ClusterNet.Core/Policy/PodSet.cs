using System.Numerics;

namespace ClusterNet.Core.Policy;

/// <summary>
/// A set of pod indexes as a bitset. The engine's peer sets, isolation sets and matrix rows are all PodSets,
/// so unions and intersections over 10k pods cost ~160 word operations.
/// </summary>
internal sealed class PodSet
{
    private readonly ulong[] _words;

    public PodSet(int capacity)
    {
        Capacity = capacity;
        _words = new ulong[(capacity + 63) >> 6];
    }

    private PodSet(int capacity, ulong[] words)
    {
        Capacity = capacity;
        _words = words;
    }

    public int Capacity { get; }

    internal ulong[] Words => _words;

    public static PodSet All(int capacity)
    {
        var s = new PodSet(capacity);
        Array.Fill(s._words, ulong.MaxValue);
        s.TrimTail();
        return s;
    }

    public bool Has(int i) => (_words[i >> 6] & (1UL << (i & 63))) != 0;

    public void Add(int i) => _words[i >> 6] |= 1UL << (i & 63);

    public void Remove(int i) => _words[i >> 6] &= ~(1UL << (i & 63));

    public void Set(int i, bool value)
    {
        if (value)
        {
            Add(i);
        }
        else
        {
            Remove(i);
        }
    }

    public PodSet Clone() => new(Capacity, (ulong[])_words.Clone());

    public void UnionWith(PodSet other)
    {
        var a = _words;
        var b = other._words;
        for (var i = 0; i < a.Length; i++)
        {
            a[i] |= b[i];
        }
    }

    public void IntersectWith(PodSet other)
    {
        var a = _words;
        var b = other._words;
        for (var i = 0; i < a.Length; i++)
        {
            a[i] &= b[i];
        }
    }

    public void ExceptWith(PodSet other)
    {
        var a = _words;
        var b = other._words;
        for (var i = 0; i < a.Length; i++)
        {
            a[i] &= ~b[i];
        }
    }

    /// <summary>this ∪= (a ∩ b) without allocating.</summary>
    public void UnionWithIntersection(PodSet a, PodSet b)
    {
        var w = _words;
        var x = a._words;
        var y = b._words;
        for (var i = 0; i < w.Length; i++)
        {
            w[i] |= x[i] & y[i];
        }
    }

    public bool IsEmpty
    {
        get
        {
            foreach (var w in _words)
            {
                if (w != 0)
                {
                    return false;
                }
            }

            return true;
        }
    }

    public int Count
    {
        get
        {
            var n = 0;
            foreach (var w in _words)
            {
                n += BitOperations.PopCount(w);
            }

            return n;
        }
    }

    /// <summary>Do the sets share a member? (this ∩ other ≠ ∅, without allocating.)</summary>
    public bool Overlaps(PodSet other)
    {
        var a = _words;
        var b = other._words;
        for (var i = 0; i < a.Length; i++)
        {
            if ((a[i] & b[i]) != 0)
            {
                return true;
            }
        }

        return false;
    }

    public bool SetEquals(PodSet other) => _words.AsSpan().SequenceEqual(other._words);

    public IEnumerable<int> Members()
    {
        for (var wi = 0; wi < _words.Length; wi++)
        {
            var w = _words[wi];
            while (w != 0)
            {
                var bit = BitOperations.TrailingZeroCount(w);
                yield return (wi << 6) + bit;
                w &= w - 1;
            }
        }
    }

    /// <summary>
    /// This set renumbered: bit <c>Old + k</c> becomes bit <c>New + k</c> for each run, every other bit is dropped.
    /// Runs are copied 64 bits at a time, so a pod added or deleted costs one pass over the words, not a selector re-run.
    /// </summary>
    public PodSet Remapped(int capacity, IReadOnlyList<(int Old, int New, int Length)> runs)
    {
        var result = new PodSet(capacity);
        foreach (var (from, to, length) in runs)
        {
            for (var k = 0; k < length; k += 64)
            {
                var n = Math.Min(64, length - k);
                var bits = ReadBits(from + k, n);
                if (bits != 0)
                {
                    result.OrBits(to + k, bits, n);
                }
            }
        }

        return result;
    }

    /// <summary>Up to 64 bits starting at <paramref name="position"/>, as the low bits of the result.</summary>
    private ulong ReadBits(int position, int count)
    {
        var wi = position >> 6;
        var b = position & 63;
        var v = _words[wi] >> b;
        if (b != 0 && wi + 1 < _words.Length)
        {
            v |= _words[wi + 1] << (64 - b);
        }

        return count == 64 ? v : v & ((1UL << count) - 1);
    }

    private void OrBits(int position, ulong bits, int count)
    {
        var wi = position >> 6;
        var b = position & 63;
        _words[wi] |= bits << b;
        if (b != 0 && b + count > 64)
        {
            _words[wi + 1] |= bits >> (64 - b);
        }
    }

    private void TrimTail()
    {
        var extra = (_words.Length << 6) - Capacity;
        if (extra > 0 && _words.Length > 0)
        {
            _words[^1] &= ulong.MaxValue >> extra;
        }
    }
}
