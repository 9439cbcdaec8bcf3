using ClusterNet.Web.Snapshots;

namespace ClusterNet.Web.Tests.Snapshots;

/// <summary>The shared per-snapshot cache: one computation per (basis, query), bounded, older snapshots released.</summary>
public sealed class SnapshotCacheTests
{
    private sealed class Basis;

    private static SnapshotCache<string, string> Cache(int capacity = 8) => new("test", capacity, v => v.Length);

    [Fact]
    public void Get_SameBasisAndQuery_ComputedOnceAndSameObject()
    {
        var cache = Cache();
        var basis = new Basis();
        var first = cache.Get(basis, 1, "q", () => new string('x', 3));
        var second = cache.Get(basis, 1, "q", () => "other");

        Assert.Same(first, second);
        Assert.Equal(1, cache.Computed);
        Assert.Equal(1, cache.Count);
        Assert.Equal(3, cache.ApproximateBytes);
    }

    [Fact]
    public void Get_OtherBasisOrQuery_ComputedForEach()
    {
        var cache = Cache();
        var (a, b) = (new Basis(), new Basis());
        cache.Get(a, 1, "q", () => "a");
        cache.Get(b, 1, "q", () => "b");
        cache.Get(a, 1, "r", () => "c");

        Assert.Equal(3, cache.Computed);
        Assert.Equal("b", cache.Get(b, 1, "q", () => "new"));
    }

    [Fact]
    public async Task Get_ManyCallersWhileComputing_ComputedOnce()
    {
        var cache = Cache();
        var basis = new Basis();
        using var release = new ManualResetEventSlim();
        var callers = Enumerable.Range(0, 8).Select(_ => Task.Run(() => cache.Get(basis, 1, "q", () =>
        {
            release.Wait();
            return "value";
        }))).ToList();
        release.Set();
        var values = await Task.WhenAll(callers);

        Assert.All(values, v => Assert.Same(values[0], v));
        Assert.Equal(1, cache.Computed);
    }

    [Fact]
    public async Task GetAsync_ManyCallersAndASyncOne_ComputedOnceOnThePool()
    {
        var cache = Cache();
        var basis = new Basis();
        using var release = new ManualResetEventSlim();
        var callers = Enumerable.Range(0, 8).Select(_ => cache.GetAsync(basis, 1, "q", () =>
        {
            release.Wait();
            return "value";
        })).ToList();
        var blocking = Task.Run(() => cache.Get(basis, 1, "q", () => "other"));
        release.Set();
        var values = await Task.WhenAll([.. callers, blocking]);

        Assert.All(values, v => Assert.Same(values[0], v));
        Assert.Equal("value", values[0]);
        Assert.Equal(1, cache.Computed);
    }

    [Fact]
    public async Task GetAsync_ComputationThrows_NothingKept()
    {
        var cache = Cache();
        var basis = new Basis();
        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetAsync(basis, 1, "q", () => throw new InvalidOperationException("bad input")));

        Assert.Equal(0, cache.Count);
        Assert.Equal("ok", await cache.GetAsync(basis, 1, "q", () => "ok"));
    }

    [Fact]
    public void Get_MoreThanCapacity_LeastRecentlyUsedGoesAndBoundHolds()
    {
        var cache = Cache(capacity: 3);
        var basis = new Basis();
        foreach (var q in new[] { "a", "b", "c" })
        {
            cache.Get(basis, 1, q, () => q);
        }

        cache.Get(basis, 1, "a", () => "a again");
        cache.Get(basis, 1, "d", () => "d");

        Assert.Equal(3, cache.Count);
        Assert.Equal("a", cache.Get(basis, 1, "a", () => "a again"));
        Assert.Equal("b computed", cache.Get(basis, 1, "b", () => "b computed"));
        Assert.Equal(3, cache.Count);
    }

    [Fact]
    public void Published_NewerVersions_EntriesOlderThanThePreviousVersionReleased()
    {
        var cache = Cache();
        var (v1, v2) = (new Basis(), new Basis());
        cache.Get(v1, 1, "q", () => "one");
        cache.Get(v2, 2, "q", () => "two");

        // v2 is published: v1 stays (circuits still rendering it catch up), v3 releases it.
        cache.Published(2);
        Assert.Equal(2, cache.Count);
        cache.Published(3);
        Assert.Equal(1, cache.Count);
        Assert.Equal("two", cache.Get(v2, 2, "q", () => "recomputed"));
        Assert.Equal("one again", cache.Get(v1, 1, "q", () => "one again"));
    }

    [Fact]
    public void Get_ComputationThrows_NothingKeptAndNextCallerComputes()
    {
        var cache = Cache();
        var basis = new Basis();
        Assert.Throws<InvalidOperationException>(() => cache.Get(basis, 1, "q", () => throw new InvalidOperationException("bad input")));

        Assert.Equal(0, cache.Count);
        Assert.Equal("ok", cache.Get(basis, 1, "q", () => "ok"));
    }

    [Fact]
    public void Caches_SameName_OneInstanceReportedOnce()
    {
        using var caches = new SnapshotCaches();
        var first = caches.Get<string, string>("x", 2, v => v.Length);
        var second = caches.Get<string, string>("x", 2, v => v.Length);

        Assert.Same(first, second);
        Assert.Single(caches.All);
        Assert.Throws<InvalidOperationException>(() => caches.Get<int, string>("x", 2, v => v.Length));
    }
}
