using System.Collections.Immutable;
using ClusterNet.Core.Model;
using ClusterNet.Core.Store;

namespace ClusterNet.Web.Snapshots;

/// <summary>
/// One or more published snapshot changes merged into one: the newest snapshot plus the union of the kinds
/// whose objects changed since the subscriber's previous batch. Status-only changes have empty <see cref="ChangedKinds"/>.
/// </summary>
public sealed record SnapshotBatch(ClusterSnapshot Snapshot, ImmutableArray<string> ChangedKinds, int Merged)
{
    public long Version => Snapshot.Version;

    public static SnapshotBatch From(SnapshotChange change) => new(change.Snapshot, change.ChangedKinds, 1);

    /// <summary>Adds a later change: the later snapshot wins, changed kinds accumulate.</summary>
    public SnapshotBatch Merge(SnapshotChange later)
    {
        var snapshot = later.Snapshot.Version >= Snapshot.Version ? later.Snapshot : Snapshot;
        var kinds = ChangedKinds.Union(later.ChangedKinds).Order(StringComparer.Ordinal).ToImmutableArray();
        return new SnapshotBatch(snapshot, kinds, Merged + 1);
    }

    /// <summary>True when objects of any of <paramref name="kinds"/> changed.</summary>
    public bool Touches(IEnumerable<string> kinds) => kinds.Any(ChangedKinds.Contains);

    /// <summary>
    /// Whether a view showing <paramref name="watchedKinds"/> (null: everything) must re-render: objects or status of a
    /// watched kind changed, or the connection state changed.
    /// </summary>
    public bool IsVisibleFor(ClusterSnapshot previous, IReadOnlyCollection<string>? watchedKinds) =>
        watchedKinds is null
        || previous.Connection != Snapshot.Connection
        || Touches(watchedKinds)
        || watchedKinds.Any(k => previous.StatusOf(k) != Snapshot.StatusOf(k));
}
