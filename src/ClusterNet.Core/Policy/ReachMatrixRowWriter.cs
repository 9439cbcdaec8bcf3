namespace ClusterNet.Core.Policy;

/// <summary>
/// Builds the rows of a patched matrix from the rows it derives from: a row is copied the first time a write changes
/// it, into the current page (one array holding many rows), and every other row stays shared. Pages start small (a
/// NetworkPolicy edit changes a handful of rows) and grow with the rows copied so far up to <see cref="MaxPageRows"/>;
/// pages that large go to the large object heap, which the GC does not copy. When replaced rows leave more unused page
/// slots than the matrix has rows (or a minimum page), <see cref="Finish"/> moves the paged rows into one page, so a
/// version never holds more than about twice its rows.
/// One thread per writer.
/// </summary>
internal sealed class ReachMatrixRowWriter
{
    private const int MinPageRows = 16;
    private const int MaxPageRows = 256;

    private readonly ReachMatrixRows _from;
    // The row table is the source's until the first row is copied (most port classes of a small edit copy none).
    private ulong[][] _store;
    private int[] _offset;
    private bool _ownTable;
    private readonly PodSet _copied;
    private readonly int _words;
    private ulong[]? _page;
    private int _pageUsed;
    private int _pageRows;
    private long _pageSlots;
    private long _pagedRows;
    private int _copiedCount;

    public ReachMatrixRowWriter(ReachMatrixRows from)
    {
        _from = from;
        _store = from.Store;
        _offset = from.Offsets;
        _copied = new PodSet(from.Length);
        _words = from.WordsPerRow;
        _pageSlots = from.PageSlots;
        _pagedRows = from.PagedRows;
    }

    /// <summary>Rows copied so far.</summary>
    public int CopiedRows => _copiedCount;

    /// <summary>Row s's word becomes (current ∧ ¬mask) ∨ (value ∧ mask); a pod's own bit stays set.</summary>
    public void Write(int s, int word, ulong mask, ulong value)
    {
        if (word == s >> 6)
        {
            mask &= ~(1UL << (s & 63));
        }

        var at = _offset[s] + word;
        var current = _store[s][at];
        var next = (current & ~mask) | (value & mask);
        if (next == current)
        {
            return;
        }

        if (!_copied.Has(s))
        {
            CopyRow(s);
            at = _offset[s] + word;
        }

        _store[s][at] = next;
    }

    /// <summary>Did <see cref="Finish"/> move the paged rows into one page (then rows no write touched moved too)?</summary>
    public bool Compacted { get; private set; }

    /// <summary>The patched rows (the source itself when no row changed); the writer must not be used afterwards.</summary>
    public ReachMatrixRows Finish()
    {
        if (!_ownTable)
        {
            return _from;
        }

        if (_pageSlots - _pagedRows > Math.Max(_from.Length, MinPageRows))
        {
            Compact();
        }

        return new ReachMatrixRows(_store, _offset, _from.Capacity, _pageSlots, _pagedRows);
    }

    private void CopyRow(int s)
    {
        if (!_ownTable)
        {
            (_store, _offset, _ownTable) = ((ulong[][])_store.Clone(), (int[])_offset.Clone(), true);
        }

        if (_page is null || _pageUsed == _pageRows)
        {
            _pageRows = Math.Clamp(_copiedCount, MinPageRows, MaxPageRows);
            _page = NewPage(_pageRows);
            _pageUsed = 0;
            _pageSlots += _pageRows;
        }

        if (!IsPaged(_store[s]))
        {
            _pagedRows++;
        }

        var to = _pageUsed * _words;
        new ReadOnlySpan<ulong>(_store[s], _offset[s], _words).CopyTo(_page.AsSpan(to, _words));
        _store[s] = _page;
        _offset[s] = to;
        _pageUsed++;
        _copied.Add(s);
        _copiedCount++;
    }

    /// <summary>Every paged row into one page of exactly that many rows (rows with their own array stay).</summary>
    private void Compact()
    {
        var rows = (int)_pagedRows;
        var page = NewPage(Math.Max(rows, MinPageRows));
        var used = 0;
        for (var s = 0; s < _store.Length; s++)
        {
            if (!IsPaged(_store[s]))
            {
                continue;
            }

            new ReadOnlySpan<ulong>(_store[s], _offset[s], _words).CopyTo(page.AsSpan(used * _words, _words));
            _store[s] = page;
            _offset[s] = used * _words;
            used++;
        }

        (_page, _pageUsed, _pageRows) = (null, 0, 0);
        Compacted = true;
        _pageSlots = Math.Max(rows, MinPageRows);
    }

    /// <summary>Pages hold at least <see cref="MinPageRows"/> rows; a row's own array holds exactly one.</summary>
    private bool IsPaged(ulong[] store) => store.Length > _words;

    // Every slot is written before it is read (whole rows are copied in), so the page need not be zeroed.
    private ulong[] NewPage(int rows) => GC.AllocateUninitializedArray<ulong>(rows * _words);
}
