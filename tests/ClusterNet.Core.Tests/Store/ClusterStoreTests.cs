using ClusterNet.Core.Model;
using ClusterNet.Core.Store;

namespace ClusterNet.Core.Tests.Store;

public sealed class ClusterStoreTests
{
    private static readonly SourceInfo Source = new("demo", "test");

    private static PodInfo Pod(string name, string ip) => new() { Namespace = "dev", Name = name, PodIps = [ip] };

    [Fact]
    public async Task Flush_AfterUpsert_PublishesNewVersionWithChangedKinds()
    {
        await using var store = new ClusterStore(Source, TimeSpan.Zero);
        store.Upsert(Pod("a", "10.244.1.2"));
        var snap = store.Flush();
        Assert.Equal(1, snap.Version);
        Assert.Equal("10.244.1.2", snap.Pods.Get("dev", "a")!.PodIp);
        Assert.Equal(1, snap.StatusOf(ResourceKind.Pods).Count);
    }

    [Fact]
    public async Task Flush_WithoutChanges_KeepsVersion()
    {
        await using var store = new ClusterStore(Source, TimeSpan.Zero);
        store.Upsert(Pod("a", "10.244.1.2"));
        store.Flush();
        store.Upsert(Pod("a", "10.244.1.2"));
        Assert.Equal(1, store.Flush().Version);
    }

    [Fact]
    public async Task Replace_DropsObjectsMissingFromRelist()
    {
        await using var store = new ClusterStore(Source, TimeSpan.Zero);
        store.Upsert(Pod("a", "10.244.1.2"));
        store.Upsert(Pod("b", "10.244.1.3"));
        store.Flush();
        store.Replace(ResourceKind.Pods, [Pod("b", "10.244.1.9")]);
        var snap = store.Flush();
        Assert.Null(snap.Pods.Get("dev", "a"));
        Assert.Equal("10.244.1.9", snap.Pods.Get("dev", "b")!.PodIp);
    }

    [Fact]
    public async Task Flush_WithChange_RaisesPublishedOnceWithChangedKindsAndCounts()
    {
        await using var store = new ClusterStore(Source, TimeSpan.Zero);
        var published = new List<SnapshotChange>();
        store.Published += published.Add;

        store.Upsert(Pod("a", "10.244.1.2"));
        var snapshot = store.Flush();
        store.Flush();

        var change = Assert.Single(published);
        Assert.Equal(1, change.Version);
        Assert.Equal([ResourceKind.Pods], change.ChangedKinds.ToArray());
        Assert.Equal(1, change.Counts[ResourceKind.Pods]);
        Assert.Same(snapshot, change.Snapshot);
    }

    [Fact]
    public async Task Workloads_OfDifferentKindsWithSameName_DoNotCollide()
    {
        await using var store = new ClusterStore(Source, TimeSpan.Zero);
        store.Upsert(new WorkloadInfo { Kind = "Deployment", Namespace = "kube-system", Name = "coredns" });
        store.Upsert(new WorkloadInfo { Kind = "DaemonSet", Namespace = "kube-system", Name = "coredns" });
        var snap = store.Flush();
        Assert.Equal(2, snap.Workloads.Count);
        Assert.Equal(1, snap.StatusOf(ResourceKind.DaemonSets).Count);
    }
    [Fact]
    public async Task Flush_ManyUpsertsDeletesAndReplaces_EverySnapshotEqualsOneBuiltFromTheStoredObjects()
    {
        await using var store = new ClusterStore(Source, TimeSpan.Zero);
        var random = new Random(11);
        var truth = new Dictionary<ObjectKey, PodInfo>();
        for (var round = 0; round < 150; round++)
        {
            if (round % 37 == 5)
            {
                // A relist: the kind is replaced as a whole.
                var relist = truth.Values.Where(_ => random.Next(4) != 0).ToList();
                truth = relist.ToDictionary(p => p.Key);
                store.Replace(ResourceKind.Pods, relist);
            }

            for (var c = random.Next(1, 8); c > 0; c--)
            {
                var pod = Pod($"p{random.Next(60)}", $"10.244.{round}.{c}") with { Namespace = $"ns{random.Next(4)}" };
                if (random.Next(3) == 0)
                {
                    store.Delete(ResourceKind.Pods, pod.Key);
                    truth.Remove(pod.Key);
                }
                else
                {
                    store.Upsert(pod);
                    truth[pod.Key] = pod;
                }
            }

            var snapshot = store.Flush();
            Assert.Equal(KindCollection<PodInfo>.From(truth.Values).Select(p => p), snapshot.Pods.Select(p => p));
            Assert.Equal(truth.Count, snapshot.Pods.ByKey.Count);
            Assert.All(truth, kv => Assert.Same(kv.Value, snapshot.Pods.Get(kv.Key)));
        }
    }
    [Fact]
    public async Task Upsert_WhileIdleWithPublishIdleChangesSoon_PublishesAfterTheShortDelayThenCoalescesPerInterval()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        await using var store = new ClusterStore(Source, TimeSpan.FromMilliseconds(200), time, publishIdleChangesSoon: true);
        time.Advance(TimeSpan.FromSeconds(1));

        store.Upsert(Pod("a", "10.244.1.2"));
        time.Advance(ClusterStore.IdleChangeDelay);
        Assert.Equal(1, store.Current.Version);

        // Not idle any more: the next change waits for the interval, and a burst still becomes one snapshot.
        store.Upsert(Pod("b", "10.244.1.3"));
        store.Upsert(Pod("c", "10.244.1.4"));
        time.Advance(ClusterStore.IdleChangeDelay);
        Assert.Equal(1, store.Current.Version);
        time.Advance(TimeSpan.FromMilliseconds(200));
        Assert.Equal(2, store.Current.Version);
        Assert.Equal(3, store.Current.Pods.Count);
    }

    [Fact]
    public async Task Upsert_WhileIdleWithoutPublishIdleChangesSoon_WaitsForThePeriodicTick()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        await using var store = new ClusterStore(Source, TimeSpan.FromMilliseconds(200), time);
        time.Advance(TimeSpan.FromMilliseconds(1_050));

        store.Upsert(Pod("a", "10.244.1.2"));
        time.Advance(ClusterStore.IdleChangeDelay);
        Assert.Equal(0, store.Current.Version);
        time.Advance(TimeSpan.FromMilliseconds(150));
        Assert.Equal(1, store.Current.Version);
    }
}
