using ClusterNet.Web.Security.Scoping;
using ClusterNet.Web.Snapshots;
using Microsoft.AspNetCore.SignalR;

namespace ClusterNet.Web.Hubs;

/// <summary>
/// One subscription to the snapshot feed for all hub clients: each batch becomes one <c>SnapshotChanged</c> broadcast,
/// however many clients are connected (with Auth:ScopeByRbac, one per signed-in identity: <see cref="HubAudience"/>).
/// It reads the app-wide <see cref="SnapshotFeed"/>, not the per-user <see cref="ISnapshotFeed"/>.
/// </summary>
public sealed class ClusterHubPump(SnapshotFeed feed, IHubContext<ClusterHub> hub, HubAudience audience, ILogger<ClusterHubPump> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var batch in feed.WatchAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await audience.SendAsync(hub, batch, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One failed broadcast must not stop later ones.
                    logger.LogWarning(e, "Broadcasting snapshot version {Version} failed", batch.Version);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public static SnapshotChangedMessage ToMessage(SnapshotBatch batch) =>
        new(batch.Version, batch.ChangedKinds, Api.KindOrder.Of(batch.Snapshot).ToDictionary(k => k, k => batch.Snapshot.Kinds[k].Count));
}
