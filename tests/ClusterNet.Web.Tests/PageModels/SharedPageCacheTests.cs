using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using ClusterNet.Core.Policy.Queries;
using ClusterNet.Core.Queries;
using ClusterNet.Core.Store;
using ClusterNet.Web.Dns;
using ClusterNet.Web.PageModels.ClientIp;
using ClusterNet.Web.PageModels.Policies;
using ClusterNet.Web.PageModels.Topology;
using ClusterNet.Web.Snapshots;
using ClusterNet.Web.Tests.Infrastructure;
using ClusterNet.Web.Tests.Policy;
using ClusterNet.Web.Tests.Topology;
using ClusterNet.Web.Topology;
using Microsoft.Extensions.Options;

namespace ClusterNet.Web.Tests.PageModels;

/// <summary>
/// Page models of different circuits on one snapshot share one cache entry (50 circuits hold one copy); a new snapshot
/// releases the old one's entries; each cache stays within its bound.
/// </summary>
public sealed class SharedPageCacheTests : IDisposable
{
    private readonly SnapshotCaches _caches = new();

    private ISnapshotCache Named(string name) => _caches.All.Single(c => c.Name == name);

    private static ClusterSnapshot Policies(long version = 1) =>
        ClusterSnapshot.Create(new SourceInfo("demo", "model"), PolicyFixture.Objects()) with { Version = version };

    [Fact]
    public void PoliciesShow_TwoPageModelsOneSnapshot_OneSharedMatrix()
    {
        var engines = new PolicyEngineCache();
        var snapshot = Policies();
        var first = new PoliciesPageModel(engines, _caches).Show(snapshot, new ReachViewQuery());
        var second = new PoliciesPageModel(engines, _caches).Show(snapshot, new ReachViewQuery { FromNamespace = "prod", ToNamespace = "dev" });

        Assert.Same(first.Namespaces, second.Namespaces);
        Assert.Equal(1, Named(PoliciesPageModel.DerivedCacheName).Count);
        Assert.Equal(1, Named(PoliciesPageModel.DerivedCacheName).Computed);
        Assert.True(Named(PoliciesPageModel.DerivedCacheName).ApproximateBytes > 0);
    }

    [Fact]
    public void PoliciesShow_NewSnapshotsPublished_OldEntriesReleased()
    {
        var engines = new PolicyEngineCache();
        var model = new PoliciesPageModel(engines, _caches);
        model.Show(Policies(1), new ReachViewQuery());
        model.Show(Policies(2), new ReachViewQuery());
        Assert.Equal(2, Named(PoliciesPageModel.DerivedCacheName).Count);

        _caches.Published(3);

        Assert.Equal(1, Named(PoliciesPageModel.DerivedCacheName).Count);
    }

    [Fact]
    public void PoliciesShow_MoreProbesThanCapacity_BoundHolds()
    {
        var engines = new PolicyEngineCache();
        var snapshot = Policies();
        var model = new PoliciesPageModel(engines, _caches);
        for (var port = 1; port <= PoliciesPageModel.DerivedCapacity + 3; port++)
        {
            model.Show(snapshot, new ReachViewQuery { Probe = ReachProbe.Tcp(port) });
        }

        Assert.Equal(PoliciesPageModel.DerivedCapacity, Named(PoliciesPageModel.DerivedCacheName).Count);
    }

    [Fact]
    public void TopologyUpdate_TwoPageModelsOneSnapshot_OneGraphListsAndLevel()
    {
        var topology = new TopologyService(Options.Create(new TopologySettings()), caches: _caches);
        var snapshot = TopologyTestData.DemoSnapshot();
        var first = new TopologyPageModel(topology, new PolicyEngineCache(), _caches).Update(snapshot, QueryInput.Parameters([]), null);
        var second = new TopologyPageModel(topology, new PolicyEngineCache(), _caches).Update(snapshot, QueryInput.Parameters([]), null);

        Assert.Same(first.Graph, second.Graph);
        Assert.Same(first.Level, second.Level);
        Assert.Equal(first.Pods, second.Pods);
        Assert.Equal(1, Named(TopologyService.CacheName).Computed);
        Assert.Equal(1, Named(TopologyPageModel.ListsCacheName).Computed);
        Assert.Equal(1, Named(TopologyPageModel.LevelCacheName).Computed);
    }

    [Fact]
    public void DnsReport_TwoCachesOfOneRegistry_OneReportPerSnapshotAndOldReleased()
    {
        var snapshot = TopologyTestData.DemoSnapshot();
        var report = new DnsReportCache(_caches).Get(snapshot);
        Assert.Same(report, new DnsReportCache(_caches).Get(snapshot));

        new DnsReportCache(_caches).Get(snapshot with { Version = snapshot.Version + 1 });
        _caches.Published(snapshot.Version + 2);

        Assert.Equal(1, Named(DnsReportCache.CacheName).Count);
    }

    [Fact]
    public void ClientIpUpdate_TwoPageModelsOneSnapshot_OneOverview()
    {
        var snapshot = TopologyTestData.DemoSnapshot();
        var first = new ClientIpPageModel(caches: _caches).Update(snapshot, new ClientIpUrlState());
        var second = new ClientIpPageModel(caches: _caches).Update(snapshot, new ClientIpUrlState());

        Assert.Equal(first.Choices, second.Choices);
        Assert.NotEmpty(first.Rows);
        Assert.Equal(1, Named(ClientIpPageModel.OverviewCacheName).Computed);
    }

    [Fact]
    public void ClusterUpdate_TwoPageModelsOneSnapshot_OneView()
    {
        var snapshot = TopologyTestData.DemoSnapshot();
        var first = new ClusterNet.Web.PageModels.Cluster.ClusterPageModel(_caches).Update(snapshot, new ClusterNet.Web.PageModels.Cluster.ClusterPageQuery());
        var second = new ClusterNet.Web.PageModels.Cluster.ClusterPageModel(_caches).Update(snapshot, new ClusterNet.Web.PageModels.Cluster.ClusterPageQuery());

        Assert.Same(first, second);
    }

    [Fact]
    public async Task SnapshotFeed_StorePublishes_CachesReleaseOlderSnapshots()
    {
        await using var store = new ClusterStore(new SourceInfo("demo", "Demo cluster"), TimeSpan.Zero);
        using var feed = new SnapshotFeed(store, TimeSpan.Zero, caches: _caches);
        var reports = new DnsReportCache(_caches);
        reports.Get(store.Current);
        store.Upsert(SampleCluster.Pod("dev", "a", "10.244.1.2", "node01"));
        reports.Get(store.Flush());
        store.Upsert(SampleCluster.Pod("dev", "b", "10.244.1.3", "node01"));
        store.Flush();

        // The first snapshot is older than the one before the newest: released when the store published.
        Assert.Equal(1, Named(DnsReportCache.CacheName).Count);
    }

    public void Dispose() => _caches.Dispose();
}
