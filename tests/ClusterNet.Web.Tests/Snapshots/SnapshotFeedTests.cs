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
    public async Task WatchAsync_EverySubscriberTookNewest_SharedCachesReleasePreviousVersion()
    {
        await using var store = new ClusterStore(Source, TimeSpan.Zero);
        using var caches = new SnapshotCaches();
        using var feed = new SnapshotFeed(store, TimeSpan.Zero, caches: caches);
        var cache = caches.Get<int, string>("test", 8, _ => 1);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var fast = feed.WatchAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        await using var slow = feed.WatchAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        var before = feed.Current;
        cache.Get(before, before.Version, 0, () => "before");

        store.Upsert(SampleCluster.Pod("dev", "a", "10.244.1.2", "node01"));
        var after = store.Flush();
        cache.Get(after, after.Version, 0, () => "after");
        Assert.True(await fast.MoveNextAsync());

        // One subscriber has not taken the new version yet: it may still render the previous one, which stays.
        Assert.Equal(2, cache.Count);

        Assert.True(await slow.MoveNextAsync());

        // Both have: the previous version's entry is released, not kept until the next publication.
        Assert.Equal(1, cache.Count);
        Assert.Equal("after", cache.Get(after, after.Version, 0, () => "recomputed"));
        Assert.Equal(2, cache.Computed);
    }

    [Fact]
    public async Task WatchAsync_LaggingSubscriberCancelled_SharedCachesReleasePreviousVersion()
    {
        await using var store = new ClusterStore(Source, TimeSpan.Zero);
        using var caches = new SnapshotCaches();
        using var feed = new SnapshotFeed(store, TimeSpan.Zero, caches: caches);
        var cache = caches.Get<int, string>("test", 8, _ => 1);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var lagging = new CancellationTokenSource();
        await using var fast = feed.WatchAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        var slow = feed.WatchAsync(lagging.Token).GetAsyncEnumerator(lagging.Token);
        var before = feed.Current;
        cache.Get(before, before.Version, 0, () => "before");
        var pending = slow.MoveNextAsync();

        store.Upsert(SampleCluster.Pod("dev", "a", "10.244.1.2", "node01"));
        var after = store.Flush();
        Assert.True(await fast.MoveNextAsync());
        Assert.True(await pending);
        cache.Get(after, after.Version, 0, () => "after");
        store.Upsert(SampleCluster.Pod("dev", "b", "10.244.1.3", "node01"));
        var third = store.Flush();
        cache.Get(third, third.Version, 0, () => "third");
        Assert.True(await fast.MoveNextAsync());
        Assert.Equal(2, cache.Count);

        // The circuit closes without taking the newest version: it holds the previous one back no longer.
        await lagging.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await slow.MoveNextAsync());
        await slow.DisposeAsync();

        Assert.Equal(1, cache.Count);
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
