using ClusterNet.Web.Snapshots;
using Microsoft.AspNetCore.SignalR;

namespace ClusterNet.Web.Hubs;

/// <summary>
/// One subscription to the snapshot feed for all hub clients: each batch becomes one <c>SnapshotChanged</c> broadcast,
/// however many clients are connected.
/// </summary>
public sealed class ClusterHubPump(ISnapshotFeed feed, IHubContext<ClusterHub> hub, ILogger<ClusterHubPump> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var batch in feed.WatchAsync(stoppingToken).ConfigureAwait(false))
            {
                var message = ToMessage(batch);
                try
                {
                    await hub.Clients.All.SendAsync(ClusterHub.SnapshotChanged, message, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One failed broadcast must not stop later ones.
                    logger.LogWarning(e, "Broadcasting snapshot version {Version} failed", message.Version);
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
