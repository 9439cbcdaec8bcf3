using System.Runtime.CompilerServices;
using ClusterNet.Core.Model;
using ClusterNet.Web.Snapshots;

namespace ClusterNet.Web.Security.Scoping;

/// <summary>
/// <see cref="ISnapshotFeed"/> as registered per DI scope (request, circuit) when Auth:ScopeByRbac is on: the same
/// feed, cut to what the signed-in user may see. Pages, REST endpoints and exports keep injecting
/// <see cref="ISnapshotFeed"/> and need no code of their own for scoping.
/// </summary>
public sealed class ScopedSnapshotFeed(SnapshotFeed inner, RbacScopeContext context) : ISnapshotFeed
{
    public ClusterSnapshot Current => context.Service.Restrict(inner.Current, context.ViewNow());

    public SourceInfo Source => inner.Source;

    public bool InitialSyncComplete => inner.InitialSyncComplete;

    public int SubscriberCount => inner.SubscriberCount;

    public IAsyncEnumerable<SnapshotBatch> WatchAsync(CancellationToken cancellationToken)
    {
        // Subscribe now, not at the first MoveNextAsync (the ISnapshotFeed contract).
        var changes = inner.WatchAsync(cancellationToken);
        return CutAsync(changes, cancellationToken);
    }

    private async IAsyncEnumerable<SnapshotBatch> CutAsync(IAsyncEnumerable<SnapshotBatch> changes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var batch in changes.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var view = await context.EnsureAsync(cancellationToken).ConfigureAwait(false);
            yield return batch with { Snapshot = context.Service.Restrict(batch.Snapshot, view) };
        }
    }
}
