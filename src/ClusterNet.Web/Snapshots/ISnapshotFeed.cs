using ClusterNet.Core.Model;

namespace ClusterNet.Web.Snapshots;

/// <summary>
/// The one way UI components, the hub and the REST API read cluster state. <see cref="Current"/> is always the newest
/// snapshot; <see cref="WatchAsync"/> streams batched changes (one subscription per caller, removed when the
/// enumeration ends or is cancelled). See README "Web: writing a page".
/// </summary>
public interface ISnapshotFeed
{
    ClusterSnapshot Current { get; }

    SourceInfo Source { get; }

    /// <summary>True once every kind left Pending/Syncing at least once (the first full sync is done).</summary>
    bool InitialSyncComplete { get; }

    /// <summary>Number of active <see cref="WatchAsync"/> subscriptions (tests check it returns to zero).</summary>
    int SubscriberCount { get; }

    /// <summary>
    /// Subscribes immediately (before the first MoveNextAsync), so a caller that reads <see cref="Current"/> right after
    /// calling this misses no version. Changes arriving within the batch window are merged into one <see cref="SnapshotBatch"/>.
    /// </summary>
    IAsyncEnumerable<SnapshotBatch> WatchAsync(CancellationToken cancellationToken);
}
