using System.Numerics;

namespace ClusterNet.Core.Policy;

/// <summary>
/// One port class's matrix rows (row s: the destinations s reaches), stored so that a patched matrix shares every row
/// it does not change with the matrix it came from. Row s is <see cref="WordsPerRow"/> words at an offset in a backing
/// array: a computed matrix backs each row by its own array (the bit rows the transpose produced, not copied); a patch
/// copies the rows it changes into a few pages of many rows each (<see cref="ReachMatrixRowWriter"/>). A patch that
/// changes 40k rows across the port classes then makes a few dozen large allocations instead of 40k row objects, which
/// the GC would copy through gen0 and gen1 because every one of them survives. Immutable once built.
/// </summary>
internal sealed class ReachMatrixRows
{
    private readonly ulong[][] _store;
    private readonly int[] _offset;

    internal ReachMatrixRows(ulong[][] store, int[] offset, int capacity, long pageSlots, long pagedRows)
    {
        _store = store;
        _offset = offset;
        Capacity = capacity;
        WordsPerRow = (capacity + 63) >> 6;
        PageSlots = pageSlots;
        PagedRows = pagedRows;
    }

    /// <summary>How many rows (pods).</summary>
    public int Length => _store.Length;

    /// <summary>Bits per row (pods); bits past it stay clear.</summary>
    public int Capacity { get; }

    public int WordsPerRow { get; }

    /// <summary>Row slots in the pages this version may reach (an upper bound: a page whose rows were all replaced counts too).</summary>
    internal long PageSlots { get; }

    /// <summary>Rows of this version that live in pages (the others have an array of their own).</summary>
    internal long PagedRows { get; }

    internal ulong[][] Store => _store;

    internal int[] Offsets => _offset;

    /// <summary>Rows that keep the sets' word arrays (no copy); the sets must not change afterwards.</summary>
    public static ReachMatrixRows Of(PodSet[] rows, int capacity)
    {
        var store = new ulong[rows.Length][];
        for (var s = 0; s < rows.Length; s++)
        {
            store[s] = rows[s].Words;
        }

        return new ReachMatrixRows(store, new int[rows.Length], capacity, 0, 0);
    }

    public ReadOnlySpan<ulong> this[int s] => new(_store[s], _offset[s], WordsPerRow);

    public bool Has(int s, int d) => (_store[s][_offset[s] + (d >> 6)] & (1UL << (d & 63))) != 0;

    /// <summary>How many destinations row s reaches (itself included).</summary>
    public int CountOf(int s)
    {
        var n = 0;
        foreach (var w in this[s])
        {
            n += BitOperations.PopCount(w);
        }

        return n;
    }

    /// <summary>Does row s use the same storage in both (i.e. a patch left it alone)?</summary>
    public bool SharesRow(ReachMatrixRows other, int s) => ReferenceEquals(_store[s], other._store[s]) && _offset[s] == other._offset[s];

    public bool RowEquals(ReachMatrixRows other, int s) => this[s].SequenceEqual(other[s]);

    /// <summary>
    /// Bytes this version holds: the row words (own arrays, and every page slot it may reach) plus the per-row store
    /// reference and offset. Rows shared with other versions are counted in each (as the caches count them).
    /// </summary>
    public long ApproximateBytes
    {
        get
        {
            const long arrayHeader = 24;
            var ownRows = Length - PagedRows;
            var ownBytes = ownRows * (arrayHeader + (8L * WordsPerRow));
            var pageBytes = PageSlots * 8L * WordsPerRow;
            return ownBytes + pageBytes + (Length * 12L) + (2 * arrayHeader);
        }
    }

    /// <summary>A writer for the matrix derived from this one: rows are copied the first time a write changes them.</summary>
    public ReachMatrixRowWriter Edit() => new(this);
}
