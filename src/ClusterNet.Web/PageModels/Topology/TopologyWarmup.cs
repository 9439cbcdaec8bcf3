using System.Diagnostics;
using ClusterNet.Core.Policy;
using ClusterNet.Core.Queries;
using ClusterNet.Web.Snapshots;
using ClusterNet.Web.Topology;

namespace ClusterNet.Web.PageModels.Topology;

/// <summary>
/// Once the first full sync is done, computes what the first visit to the Topology page needs (the graph, the level the
/// page opens at, the pick lists) into the shared caches, so the first visitor after a start does not wait for it
/// (at 10,000 pods, about a second on this machine's loaded cores: the graph, the fold and their code's first run).
/// Once only: later snapshots are computed by the pages that show them.
/// </summary>
public sealed class TopologyWarmup(ISnapshotFeed feed, TopologyService topology, PolicyEngineCache engines, SnapshotCaches caches, ILogger<TopologyWarmup> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Polled, not subscribed: the feed's subscribers are the pages and the hub (tests count them), and a source
            // that never finishes its first sync would keep a subscription open for nothing.
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
            while (!feed.InitialSyncComplete && await timer.WaitForNextTickAsync(stoppingToken))
            {
            }

            var watch = Stopwatch.StartNew();
            var view = await Task.Run(() => new TopologyPageModel(topology, engines, caches).Update(feed.Current, QueryInput.Parameters([]), null), stoppingToken);
            log.LogInformation("Topology page warmed up for v{Version} in {Ms} ms ({Elements} elements at the {Level} level)",
                view.Version, watch.ElapsedMilliseconds, view.Level.Drawn.Elements.Length, view.Level.Level);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A warm-up is an optimisation: the page computes the same on its first visit.
            log.LogWarning(ex, "Topology warm-up failed; the first visit computes it");
        }
    }
}
