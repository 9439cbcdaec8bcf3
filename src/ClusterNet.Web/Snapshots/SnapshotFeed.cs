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
            subscribers = [.. _subscribers];
        }

        foreach (var subscriber in subscribers)
        {
            subscriber.Post(change);
        }
    }

    private void Remove(Subscriber subscriber)
    {
        lock (_gate)
        {
            _subscribers.Remove(subscriber);
        }

        subscriber.Signal.Writer.TryComplete();
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
