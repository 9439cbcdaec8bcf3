using ClusterNet.Core.Model;
using ClusterNet.Core.Store;
using ClusterNet.Web.Navigation;

namespace ClusterNet.Web.Tests.Navigation;

public sealed class SnapshotLookupTests
{
    private static readonly IReadOnlyList<IClusterObject> Objects = EveryKindObjects.Create();

    private static async Task<ClusterSnapshot> SnapshotOfEveryKindAsync()
    {
        await using var store = new ClusterStore(new SourceInfo("test", "test"), TimeSpan.Zero);
        foreach (var obj in Objects)
        {
            store.Upsert(obj);
        }

        return store.Flush();
    }

    [Fact]
    public void EveryKindObjects_CoverEveryResourceKind()
    {
        // Guards the test data below: a kind added to ResourceKind.All without an object here fails this first.
        Assert.Equal(ResourceKind.All.Order(), Objects.Select(ResourceKinds.KindOf).Distinct().Order());
    }

    public static TheoryData<string> Kinds() => [.. ResourceKind.All];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Find_ObjectOfKind_ReturnsIt(string kind)
    {
        var snapshot = await SnapshotOfEveryKindAsync();
        foreach (var obj in Objects.Where(o => ResourceKinds.KindOf(o) == kind))
        {
            Assert.Equal(obj, SnapshotLookup.Find(snapshot, ObjectRef.Of(obj)));
        }
    }

    [Theory]
    [InlineData(ResourceKind.CalicoNetworkSets, "dev", "blocklist")]
    [InlineData(ResourceKind.CalicoGlobalNetworkSets, "", "partners")]
    [InlineData(ResourceKind.ServiceAccounts, "prod", "web")]
    [InlineData(ResourceKind.AdminNetworkPolicies, "", "block-db")]
    [InlineData(ResourceKind.ClusterNetworkPolicies, "", "anp")]
    public async Task Find_KeyOfAnotherKindOrNamespace_ReturnsNull(string kind, string ns, string name)
    {
        // Each kind reads its own collection: a name that exists under a sibling kind is not found.
        Assert.Null(SnapshotLookup.Find(await SnapshotOfEveryKindAsync(), new ObjectRef(kind, new ObjectKey(ns, name))));
    }

    [Fact]
    public async Task Find_NotAClusterKind_ReturnsNull() =>
        Assert.Null(SnapshotLookup.Find(await SnapshotOfEveryKindAsync(), new ObjectRef("device", ObjectKey.Cluster("eth0"))));
}
