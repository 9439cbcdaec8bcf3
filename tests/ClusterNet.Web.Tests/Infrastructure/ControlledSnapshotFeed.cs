using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using ClusterNet.Core.Model;
using ClusterNet.Web.Snapshots;

namespace ClusterNet.Web.Tests.Infrastructure;

/// <summary>
/// A feed the test drives: <see cref="PublishAsync"/> hands snapshot N to every subscriber and returns only once each has
/// finished handling it (its handler returned and it asked for the next batch). A component test publishes, awaits, then
/// asserts: no polling, no retries, no sleeps.
/// </summary>
public sealed class ControlledSnapshotFeed(ClusterSnapshot initial) : ISnapshotFeed
{
    private readonly object _gate = new();
    private readonly List<Subscriber> _subscribers = [];
    private ClusterSnapshot _current = initial;

    public ClusterSnapshot Current
    {
        get { lock (_gate) { return _current; } }
    }

    public SourceInfo Source => Current.Source;

    public bool InitialSyncComplete { get; set; } = true;

    public int SubscriberCount
    {
        get { lock (_gate) { return _subscribers.Count; } }
    }

    /// <summary>Publishes <paramref name="snapshot"/> with <paramref name="changedKinds"/> (default: every kind) and waits until every subscriber handled it.</summary>
    public async Task PublishAsync(ClusterSnapshot snapshot, params string[] changedKinds)
    {
        List<Subscriber> subscribers;
        lock (_gate)
        {
            _current = snapshot;
            subscribers = [.. _subscribers];
        }

        var kinds = changedKinds.Length == 0 ? ResourceKind.All.ToImmutableArray() : [.. changedKinds];
        var batch = new SnapshotBatch(snapshot, kinds, 1);
        var handled = subscribers.Select(s => s.DeliverAsync(batch)).ToList();
        await Task.WhenAll(handled).WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Builds the next version of the current snapshot with <paramref name="change"/> applied and publishes it.</summary>
    public Task<ClusterSnapshot> PublishAsync(Func<ClusterSnapshot, ClusterSnapshot> change, params string[] changedKinds) =>
        PublishNextAsync(change(Current) with { Version = Current.Version + 1 }, changedKinds);

    private async Task<ClusterSnapshot> PublishNextAsync(ClusterSnapshot next, string[] changedKinds)
    {
        await PublishAsync(next, changedKinds);
        return next;
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
        TaskCompletionSource? handling = null;
        try
        {
            while (true)
            {
                // Asking for the next item means the previous one was handled.
                handling?.TrySetResult();
                handling = null;
                var (batch, done) = await subscriber.Batches.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                handling = done;
                yield return batch;
            }
        }
        finally
        {
            handling?.TrySetResult();
            lock (_gate)
            {
                _subscribers.Remove(subscriber);
            }

            // A subscriber that leaves (its component disposed by the render of this very batch, say SyncProgress when the
            // layout switches to the page) has handled whatever it will never read: without this, PublishAsync waited its
            // 30 s for a batch queued to a loop cancelled before reading it (MainLayoutTests under load).
            subscriber.Close();
        }
    }

    private sealed class Subscriber
    {
        public Channel<(SnapshotBatch Batch, TaskCompletionSource Done)> Batches { get; } =
            Channel.CreateUnbounded<(SnapshotBatch, TaskCompletionSource)>();

        public Task DeliverAsync(SnapshotBatch batch)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!Batches.Writer.TryWrite((batch, done)))
            {
                // Closed: the subscriber left between PublishAsync's copy of the list and this write.
                done.TrySetResult();
            }

            return done.Task;
        }

        public void Close()
        {
            Batches.Writer.TryComplete();
            while (Batches.Reader.TryRead(out var pending))
            {
                pending.Done.TrySetResult();
            }
        }
    }
}
