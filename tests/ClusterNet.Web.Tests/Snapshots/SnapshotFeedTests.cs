using System.Collections.Immutable;
using ClusterNet.Core.Model;
using ClusterNet.Core.Store;
using ClusterNet.Web.Snapshots;
using ClusterNet.Web.Tests.Infrastructure;

namespace ClusterNet.Web.Tests.Snapshots;

public sealed class SnapshotFeedTests
{
    private static readonly SourceInfo Source = new("demo", "Demo cluster");

    [Fact]
    public async Task WatchAsync_BurstWithinWindow_MergesIntoOneBatchWithAllChangedKinds()
    {
        await using var store = new ClusterStore(Source, TimeSpan.Zero);
        using var feed = new SnapshotFeed(store, TimeSpan.FromMilliseconds(300));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var changes = feed.WatchAsync(cts.Token).GetAsyncEnumerator(cts.Token);

        var next = changes.MoveNextAsync();
        store.Upsert(SampleCluster.Pod("dev", "a", "10.244.1.2", "node01"));
        store.Flush();
        store.Upsert(SampleCluster.Node("node01", "172.16.100.102", "10.244.1.0/24"));
        var last = store.Flush();

        Assert.True(await next);
        Assert.Equal(last.Version, changes.Current.Version);
        Assert.Equal([ResourceKind.Nodes, ResourceKind.Pods], changes.Current.ChangedKinds.ToArray());
        Assert.Equal(2, changes.Current.Merged);
        await changes.DisposeAsync();
    }

    [Fact]
    public async Task WatchAsync_CancelledAndDisposed_SubscriberCountReturnsToZero()
    {
        await using var store = new ClusterStore(Source, TimeSpan.Zero);
        using var feed = new SnapshotFeed(store, TimeSpan.Zero);
        using var cts = new CancellationTokenSource();
        var seen = new List<long>();
        var reader = Task.Run(async () =>
        {
            try
            {
                await foreach (var batch in feed.WatchAsync(cts.Token))
                {
                    seen.Add(batch.Version);
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
        // The reader starts on the pool: give a loaded machine time to schedule it.
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (feed.SubscriberCount == 0 && started.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(10);
        }

        Assert.Equal(1, feed.SubscriberCount);
        await cts.CancelAsync();
        await reader.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(0, feed.SubscriberCount);
    }

    [Fact]
    public async Task WatchAsync_SubscribesBeforeFirstMoveNext_NoVersionLost()
    {
        await using var store = new ClusterStore(Source, TimeSpan.Zero);
        using var feed = new SnapshotFeed(store, TimeSpan.Zero);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var stream = feed.WatchAsync(cts.Token);

        store.Upsert(SampleCluster.Pod("dev", "a", "10.244.1.2", "node01"));
        var published = store.Flush();

        await using var changes = stream.GetAsyncEnumerator(cts.Token);
        Assert.True(await changes.MoveNextAsync());
        Assert.Equal(published.Version, changes.Current.Version);
    }

    [Fact]
    public async Task Dispose_Feed_EndsOpenSubscriptions()
    {
        await using var store = new ClusterStore(Source, TimeSpan.Zero);
        var feed = new SnapshotFeed(store, TimeSpan.Zero);
        var changes = feed.WatchAsync(CancellationToken.None).GetAsyncEnumerator();

        feed.Dispose();

        Assert.False(await changes.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(0, feed.SubscriberCount);
    }

    [Theory]
    [InlineData(new[] { "pods" }, new[] { "pods" }, false, false, true)]
    [InlineData(new[] { "configmaps" }, new[] { "pods" }, false, false, false)]
    [InlineData(new string[0], new[] { "pods" }, true, false, true)]
    [InlineData(new string[0], new[] { "pods" }, false, true, true)]
    [InlineData(new[] { "configmaps" }, null, false, false, true)]
    public void IsVisibleFor_ChangedKindsAndWatched_DecidesRerender(string[] changed, string[]? watched, bool podStatusChanged, bool connectionChanged, bool expected)
    {
        var previous = new ClusterSnapshot { Version = 1, Source = Source, Kinds = ResourceKind.All.ToDictionary(k => k, _ => KindStatus.Pending).ToImmutableDictionary() };
        var next = previous with
        {
            Version = 2,
            Kinds = podStatusChanged ? previous.Kinds.SetItem(ResourceKind.Pods, new KindStatus(KindState.Synced, 0)) : previous.Kinds,
            Connection = connectionChanged ? ConnectionState.Disconnected : previous.Connection,
        };
        var batch = new SnapshotBatch(next, [.. changed], 1);

        Assert.Equal(expected, batch.IsVisibleFor(previous, watched));
    }
}
