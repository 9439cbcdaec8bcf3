namespace ClusterNet.Web.Snapshots;

/// <summary>
/// A background loop over <see cref="ISnapshotFeed.WatchAsync"/> that hands each batch to a callback; disposing cancels
/// the loop and waits for it. Used by <see cref="Components.SnapshotComponentBase"/> and by components that cannot
/// inherit it (layouts).
/// </summary>
public sealed class SnapshotSubscription : IAsyncDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly Task _loop;

    private SnapshotSubscription(ISnapshotFeed feed, Func<SnapshotBatch, Task> onBatch, ILogger? logger)
    {
        // WatchAsync subscribes synchronously, so reading feed.Current after Start() misses no version.
        var changes = feed.WatchAsync(_cts.Token);
        // On the pool, not the caller's context: started from SetParametersAsync, a Task.Yield here would post the loop's
        // first step to the renderer's dispatcher, where it competes with (and delays) the user's first events.
        _loop = Task.Run(() => RunAsync(changes, onBatch, logger));
    }

    public static SnapshotSubscription Start(ISnapshotFeed feed, Func<SnapshotBatch, Task> onBatch, ILogger? logger = null) => new(feed, onBatch, logger);

    private async Task RunAsync(IAsyncEnumerable<SnapshotBatch> changes, Func<SnapshotBatch, Task> onBatch, ILogger? logger)
    {
        try
        {
            await foreach (var batch in changes.ConfigureAwait(false))
            {
                try
                {
                    await onBatch(batch).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException && !_cts.IsCancellationRequested)
                {
                    // A failing render must not end the subscription: the next snapshot may render fine.
                    logger?.LogWarning(e, "Handling snapshot version {Version} failed", batch.Version);
                }
            }
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException) when (_cts.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_cts.IsCancellationRequested)
        {
            await _cts.CancelAsync().ConfigureAwait(false);
        }

        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
        }

        _cts.Dispose();
    }
}
