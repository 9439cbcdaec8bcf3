namespace ClusterNet.Web.Snapshots;

/// <summary>
/// One bounded cache shared by every circuit and the REST API: values derived from a snapshot (or from what stands for
/// it: its policy engine, its topology graph) and a query, computed once however many circuits ask at the same time.
/// The basis is compared by reference (with Auth:ScopeByRbac users get different cuts of one version), the query by
/// value. Bounded by entries (least recently used out first); when a newer snapshot version is published, entries older
/// than the version before it are released (the previous one stays while circuits still rendering it catch up), and
/// the previous one's too once every subscriber has taken the new version (<see cref="Settled"/>).
/// </summary>
public sealed class SnapshotCache<TQuery, TValue> : ISnapshotCache
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Key, LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _recent = new();
    private readonly Func<TValue, long> _bytes;
    private long _newest = long.MinValue;
    private long _previous = long.MinValue;
    private long _computed;

    public SnapshotCache(string name, int capacity, Func<TValue, long> approximateBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Name = name;
        Capacity = capacity;
        _bytes = approximateBytes;
    }

    public string Name { get; }

    public int Capacity { get; }

    public int Count
    {
        get { lock (_gate) { return _entries.Count; } }
    }

    public long ApproximateBytes
    {
        get
        {
            lock (_gate)
            {
                return _recent.Sum(e => e.Value.IsCompletedSuccessfully ? e.Value.Result.Bytes : 0);
            }
        }
    }

    /// <summary>How many answers were computed (the rest came from the cache).</summary>
    public long Computed => Interlocked.Read(ref _computed);

    /// <summary>
    /// The value for (<paramref name="basis"/>, <paramref name="query"/>), computed by <paramref name="compute"/> on this
    /// thread only if no caller has computed or is computing it (then this waits for that one);
    /// <paramref name="version"/> is the basis's snapshot version.
    /// </summary>
    public TValue Get(object basis, long version, TQuery query, Func<TValue> compute)
    {
        var (node, mine) = Find(basis, version, query, compute);
        if (mine)
        {
            node.Value.Value.RunSynchronously(TaskScheduler.Default);
        }

        return Result(node, node.Value.Value.GetAwaiter().GetResult);
    }

    /// <summary>
    /// <see cref="Get"/> for callers off the renderer's thread: the first caller computes on the thread pool, the others
    /// await the same computation without holding a thread.
    /// </summary>
    public async Task<TValue> GetAsync(object basis, long version, TQuery query, Func<TValue> compute)
    {
        var (node, mine) = Find(basis, version, query, compute);
        if (mine)
        {
            node.Value.Value.Start(TaskScheduler.Default);
        }

        try
        {
            await node.Value.Value.ConfigureAwait(false);
        }
        catch
        {
            Forget(node);
            throw;
        }

        return node.Value.Value.Result.Value;
    }

    private (LinkedListNode<Entry> Node, bool Mine) Find(object basis, long version, TQuery query, Func<TValue> compute)
    {
        var key = new Key(basis, query);
        lock (_gate)
        {
            Seen(version);
            if (_entries.TryGetValue(key, out var found))
            {
                _recent.Remove(found);
                _recent.AddFirst(found);
                return (found, false);
            }

            // A cold task: started by this caller outside the lock; later callers wait for it.
            var node = _recent.AddFirst(new Entry(key, version, new Task<Sized>(() =>
            {
                Interlocked.Increment(ref _computed);
                var value = compute();
                return new Sized(value, _bytes(value));
            })));
            _entries[key] = node;
            while (_entries.Count > Capacity)
            {
                Remove(_recent.Last!);
            }

            return (node, true);
        }
    }

    private TValue Result(LinkedListNode<Entry> node, Func<Sized> result)
    {
        try
        {
            return result().Value;
        }
        catch
        {
            Forget(node);
            throw;
        }
    }

    /// <summary>A failed computation is not kept: the next caller tries again.</summary>
    private void Forget(LinkedListNode<Entry> node)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(node.Value.Key, out var current) && current == node)
            {
                Remove(node);
            }
        }
    }

    /// <summary>A snapshot <paramref name="version"/> was published: entries older than the one before it go.</summary>
    public void Published(long version)
    {
        lock (_gate)
        {
            Seen(version);
        }
    }

    /// <summary>
    /// Every subscriber has taken <paramref name="version"/>: older versions' entries go (the previous version's too, which
    /// <see cref="Published"/> keeps for circuits still rendering it). At 10k pods that is a matrix, a graph and their
    /// snapshot (~100 MB) that would otherwise stay until the next publication.
    /// </summary>
    public void Settled(long version)
    {
        lock (_gate)
        {
            Seen(version);
            RemoveOlderThan(version);
        }
    }

    private void Seen(long version)
    {
        if (version <= _newest)
        {
            return;
        }

        _previous = _newest;
        _newest = version;
        RemoveOlderThan(_previous);
    }

    private void RemoveOlderThan(long version)
    {
        for (var n = _recent.First; n is not null;)
        {
            var next = n.Next;
            if (n.Value.Version < version)
            {
                Remove(n);
            }

            n = next;
        }
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        _entries.Remove(node.Value.Key);
        _recent.Remove(node);
    }

    /// <summary>The basis by reference, the query by value.</summary>
    private readonly record struct Key(object Basis, TQuery Query)
    {
        public bool Equals(Key other) => ReferenceEquals(Basis, other.Basis) && EqualityComparer<TQuery>.Default.Equals(Query, other.Query);

        public override int GetHashCode() => HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(Basis), Query);
    }

    private sealed record Sized(TValue Value, long Bytes);

    private sealed record Entry(Key Key, long Version, Task<Sized> Value);
}
