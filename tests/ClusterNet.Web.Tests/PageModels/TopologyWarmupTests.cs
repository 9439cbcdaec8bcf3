using ClusterNet.Core.Policy;
using ClusterNet.Core.Queries;
using ClusterNet.Web.PageModels.Topology;
using ClusterNet.Web.Tests.Infrastructure;
using ClusterNet.Web.Tests.Topology;
using ClusterNet.Web.Topology;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ClusterNet.Web.Tests.PageModels;

/// <summary>After the first sync the first visit's view is already computed; before it, nothing is, and nothing subscribes.</summary>
public sealed class TopologyWarmupTests
{
    private readonly TopologyService _topology = new(Options.Create(new TopologySettings()));
    private readonly TopologyViewCache _shared = new();

    private TopologyWarmup Warmup(ControlledSnapshotFeed feed) => new(feed, _topology, new PolicyEngineCache(), _shared, NullLogger<TopologyWarmup>.Instance);

    [Fact]
    public async Task Execute_FirstSyncDone_FirstVisitFindsItsLevelComputed()
    {
        var feed = new ControlledSnapshotFeed(TopologyTestData.DemoSnapshot());
        using var warmup = Warmup(feed);

        await warmup.StartAsync(CancellationToken.None);
        await warmup.ExecuteTask!;

        Assert.Equal(1, _shared.LevelsComputed);
        new TopologyPageModel(_topology, new PolicyEngineCache(), _shared).Update(feed.Current, QueryInput.Parameters([]), null);
        Assert.Equal(1, _shared.LevelsComputed);
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
        Assert.Equal(0, _shared.LevelsComputed);
        Assert.Equal(0, feed.SubscriberCount);
    }
}
