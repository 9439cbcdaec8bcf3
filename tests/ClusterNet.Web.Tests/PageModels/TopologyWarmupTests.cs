using ClusterNet.Core.Policy;
using ClusterNet.Core.Queries;
using ClusterNet.Web.PageModels.Topology;
using ClusterNet.Web.Tests.Infrastructure;
using ClusterNet.Web.Tests.Topology;
using ClusterNet.Web.Snapshots;
using ClusterNet.Web.Topology;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ClusterNet.Web.Tests.PageModels;

/// <summary>After the first sync the first visit's view is already computed; before it, nothing is, and nothing subscribes.</summary>
public sealed class TopologyWarmupTests
{
    private readonly TopologyService _topology;

    public TopologyWarmupTests() => _topology = new(Options.Create(new TopologySettings()), caches: _caches);

    private long LevelsComputed => _caches.All.SingleOrDefault(c => c.Name == TopologyPageModel.LevelCacheName)?.Computed ?? 0;
    private readonly SnapshotCaches _caches = new();

    private TopologyWarmup Warmup(ControlledSnapshotFeed feed) => new(feed, _topology, new PolicyEngineCache(), _caches, NullLogger<TopologyWarmup>.Instance);

    [Fact]
    public async Task Execute_FirstSyncDone_FirstVisitFindsItsLevelComputed()
    {
        var feed = new ControlledSnapshotFeed(TopologyTestData.DemoSnapshot());
        using var warmup = Warmup(feed);

        await warmup.StartAsync(CancellationToken.None);
        await warmup.ExecuteTask!;

        Assert.Equal(1, LevelsComputed);
        new TopologyPageModel(_topology, new PolicyEngineCache(), _caches).Update(feed.Current, QueryInput.Parameters([]), null);
        Assert.Equal(1, LevelsComputed);
        Assert.Equal(0, feed.SubscriberCount);
    }

    [Fact]
    public async Task Execute_FirstSyncNotDone_ComputesNothingAndStopsWhenAsked()
    {
        var feed = new ControlledSnapshotFeed(TopologyTestData.DemoSnapshot()) { InitialSyncComplete = false };
        using var warmup = Warmup(feed);

        await warmup.StartAsync(CancellationToken.None);
        await warmup.StopAsync(CancellationToken.None);

        Assert.True(warmup.ExecuteTask!.IsCompleted);
        Assert.Equal(0, LevelsComputed);
        Assert.Equal(0, feed.SubscriberCount);
    }
}
