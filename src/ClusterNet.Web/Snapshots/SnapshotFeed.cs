using System.Runtime.CompilerServices;
using System.Threading.Channels;
using ClusterNet.Core.Model;
using ClusterNet.Core.Store;
using ClusterNet.Web.Configuration;
using Microsoft.Extensions.Options;

namespace ClusterNet.Web.Snapshots;

/// <summary>
/// Fans the store's published changes out to in-process subscribers (circuits, the hub pump).
/// It listens to <see cref="ClusterStore.Published"/> rather than one <c>WatchAsync</c> per subscriber because the
/// store's per-subscriber channel drops the oldest change when full, which would lose changed kinds; here each
/// subscriber keeps one merged pending batch, so memory stays bounded and nothing is lost, however slow it is.
/// </summary>
public sealed class SnapshotFeed : ISnapshotFeed, IDisposable
{
    private readonly ClusterStore _store;
    private readonly TimeSpan _window;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private readonly List<Subscriber> _subscribers = [];

    private readonly SnapshotCaches? _caches;
    private long _published = long.MinValue;

    public SnapshotFeed(IClusterSource source, IOptions<ClusterOptions> options, TimeProvider time, SnapshotCaches? caches = null)
        : this(source.Store, TimeSpan.FromMilliseconds(options.Value.UiBatchMilliseconds), time, caches)
    {
    }

    /// <param name="caches">Told of every published version, so they release older snapshots' entries at once.</param>
    public SnapshotFeed(ClusterStore store, TimeSpan window, TimeProvider? time = null, SnapshotCaches? caches = null)
    {
        _store = store;
        _window = window;
        _time = time ?? TimeProvider.System;
        _caches = caches;
        _store.Published += OnPublished;
    }

    public ClusterSnapshot Current => _store.Current;

    public SourceInfo Source => _store.Source;

    public bool InitialSyncComplete => _store.InitialSyncComplete;

    public int SubscriberCount
    {
        get { lock (_gate) { return _subscribers.Count; } }
    }

    public IAsyncEnumerable<SnapshotBatch> WatchAsync(CancellationToken cancellationToken)
    {
        var subscriber = new Subscriber();
        lock (_gate)
        {
            _subscribers.Add(subscriber);
            // It starts on the current snapshot (SnapshotComponentBase reads Current right after subscribing).
            subscriber.Taken = _store.Current.Version;
        }

        return ReadAsync(subscriber, cancellationToken);
    }

    private async IAsyncEnumerable<SnapshotBatch> ReadAsync(Subscriber subscriber, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            while (await subscriber.Signal.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                subscriber.Signal.Reader.TryRead(out _);
                if (_window > TimeSpan.Zero)
                {
                    // Let a burst (a rollout) accumulate into the pending batch: a few renders instead of hundreds.
                    await Task.Delay(_window, _time, cancellationToken).ConfigureAwait(false);
                }

                if (subscriber.Take() is { } batch)
                {
                    Took(subscriber, batch.Version);
                    yield return batch;
                }
            }
        }
        finally
        {
            Remove(subscriber);
        }
    }

    private void OnPublished(SnapshotChange change)
    {
        _caches?.Published(change.Version);
        Subscriber[] subscribers;
        lock (_gate)
        {
            _published = Math.Max(_published, change.Version);
            subscribers = [.. _subscribers];
        }

        foreach (var subscriber in subscribers)
        {
            subscriber.Post(change);
        }

        ReleaseIfSettled();
    }

    private void Took(Subscriber subscriber, long version)
    {
        lock (_gate)
        {
            subscriber.Taken = Math.Max(subscriber.Taken, version);
        }

        ReleaseIfSettled();
    }

    /// <summary>
    /// Once every subscriber has taken the newest published version, no circuit will render an older one: the shared
    /// caches drop the previous version's entries (its matrix, graph, engine and the snapshot they hold) now instead of
    /// keeping them until the next publication. Measured at 10k pods, this is what stayed on the heap after snapshots.
    /// </summary>
    private void ReleaseIfSettled()
    {
        if (_caches is null)
        {
            return;
        }

        long settled;
        lock (_gate)
        {
            settled = _published;
            // No subscriber at all (tests; the app always has the hub pump): nobody has taken anything, keep the default.
            if (settled == long.MinValue || _subscribers.Count == 0 || _subscribers.Any(s => s.Taken < settled))
            {
                return;
            }
        }

        _caches.Settled(settled);
    }

    private void Remove(Subscriber subscriber)
    {
        lock (_gate)
        {
            _subscribers.Remove(subscriber);
        }

        subscriber.Signal.Writer.TryComplete();
        // A circuit that closed before taking the newest version no longer holds the others back.
        ReleaseIfSettled();
    }

    public void Dispose()
    {
        _store.Published -= OnPublished;
        Subscriber[] subscribers;
        lock (_gate)
        {
            subscribers = [.. _subscribers];
        }

        foreach (var subscriber in subscribers)
        {
            subscriber.Signal.Writer.TryComplete();
        }
    }

    private sealed class Subscriber
    {
        private readonly object _gate = new();
        private SnapshotBatch? _pending;

        /// <summary>The newest version this subscriber has taken (or started on); read and written under the feed's lock.</summary>
        public long Taken { get; set; }

        public Channel<bool> Signal { get; } = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

        public void Post(SnapshotChange change)
        {
            lock (_gate)
            {
                _pending = _pending is null ? SnapshotBatch.From(change) : _pending.Merge(change);
            }

            Signal.Writer.TryWrite(true);
        }

        public SnapshotBatch? Take()
        {
            lock (_gate)
            {
                var batch = _pending;
                _pending = null;
                return batch;
            }
        }
    }
}
