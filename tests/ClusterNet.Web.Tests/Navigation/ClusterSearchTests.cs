using ClusterNet.Core.Model;
using ClusterNet.Web.Navigation;
using ClusterNet.Web.Tests.Infrastructure;

namespace ClusterNet.Web.Tests.Navigation;

public sealed class ClusterSearchTests
{
    private static readonly ClusterSnapshot Snapshot = ClusterSnapshot.Create(new SourceInfo("demo", "Demo cluster"), SampleCluster.Objects());

    [Theory]
    [InlineData("pod1", "pod", "dev/pod1")]
    [InlineData("prod/pod2", "pod", "prod/pod2")]
    [InlineData("10.244.2.2", "pod", "prod/pod1")]
    [InlineData("172.16.100.103", "node", "node02")]
    [InlineData("10.96.20.20", "service", "prod/web")]
    [InlineData("192.168.50.10", "service", "prod/web")]
    [InlineData("node0", "node", "node01")]
    [InlineData("PROD", "namespace", "prod")]
    public void Find_Query_FirstHitIsTheObject(string query, string kind, string title)
    {
        var hit = ClusterSearch.Find(Snapshot, query)[0];

        Assert.Equal(kind, hit.KindLabel);
        Assert.Equal(title, hit.Title);
    }

    [Theory]
    [InlineData("allow-80", ResourceKind.NetworkPolicies, "dev/allow-80", "netpol")]
    [InlineData("block-db", ResourceKind.ClusterNetworkPolicies, "block-db", "cnp")]
    [InlineData("anp", ResourceKind.AdminNetworkPolicies, "anp", "anp")]
    [InlineData("dev/allow-db", ResourceKind.CalicoNetworkPolicies, "dev/allow-db", "netpol.calico")]
    [InlineData("deny-all", ResourceKind.CalicoGlobalNetworkPolicies, "deny-all", "gnp")]
    [InlineData("partners", ResourceKind.CalicoNetworkSets, "dev/partners", "netsets")]
    [InlineData("BLOCKLIST", ResourceKind.CalicoGlobalNetworkSets, "blocklist", "globalnetsets")]
    public void Find_PolicyOrNetworkSetName_HitOpensItInTheDetailsPanel(string query, string kind, string title, string label)
    {
        var snapshot = ClusterSnapshot.Create(new SourceInfo("demo", "Demo cluster"), EveryKindObjects.Create());

        var hit = Assert.Single(ClusterSearch.Find(snapshot, query), h => h.Target?.Kind == kind);

        Assert.Equal(title, hit.Title);
        Assert.Equal(label, hit.KindLabel);
        Assert.NotNull(SnapshotLookup.Find(snapshot, hit.Target!));
    }

    [Fact]
    public void Find_PodIp_AlsoNamesNodeWhosePodCidrHoldsIt()
    {
        var hits = ClusterSearch.Find(Snapshot, "10.244.1.2");

        Assert.Equal(ObjectRef.Pod("dev", "pod1"), hits[0].Target);
        Assert.Contains(hits, h => h.Target == ObjectRef.Node("node01") && h.Detail.Contains("10.244.1.0/24"));
    }

    [Fact]
    public void Find_Cidr_OffersFilteredPodListAndOverlappingNode()
    {
        var hits = ClusterSearch.Find(Snapshot, "10.244.1.0/24");

        Assert.Contains(hits, h => h.Target == ObjectRef.Node("node01"));
        var list = Assert.Single(hits, h => h.Href is not null);
        Assert.Equal("2 pods in 10.244.1.0/24", list.Title);
        Assert.Equal("/cluster?tab=pods&q=10.244.1.0%2F24", list.Href);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("nothing-like-this")]
    [InlineData("10.2")]
    [InlineData("10.99.0.0/16")]
    public void Find_NoMatchOrPartialAddress_ReturnsNothing(string query) =>
        Assert.Empty(ClusterSearch.Find(Snapshot, query));
}
