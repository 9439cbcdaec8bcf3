using ClusterNet.Core.Access;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Tests.Access;

public sealed class SnapshotScopeTests
{
    private static readonly ClusterSnapshot Snapshot = ClusterSnapshot.Create(new SourceInfo("demo", "t"),
    [
        new NodeInfo { Name = "node01" },
        new NamespaceInfo { Name = "dev" },
        new NamespaceInfo { Name = "prod" },
        new PodInfo { Namespace = "dev", Name = "a" },
        new PodInfo { Namespace = "prod", Name = "b" },
        new ServiceInfo { Namespace = "prod", Name = "s" },
        new NetworkPolicyInfo { Namespace = "dev", Name = "deny" },
    ]);

    [Fact]
    public void Restrict_ToDev_HidesProdObjectsAndNodes()
    {
        var scoped = SnapshotScope.Restrict(Snapshot, new HashSet<string> { "dev" }, clusterScoped: false);
        Assert.Equal(["dev/a"], scoped.Pods.Select(p => p.Key.ToString()));
        Assert.Empty(scoped.Services);
        Assert.Empty(scoped.Nodes);
        Assert.Equal(["dev"], scoped.Namespaces.Select(n => n.Name));
        Assert.Equal(1, scoped.StatusOf(ResourceKind.Pods).Count);
        Assert.Equal(0, scoped.StatusOf(ResourceKind.Nodes).Count);
    }

    [Fact]
    public void Restrict_WithClusterRight_KeepsNodes()
    {
        var scoped = SnapshotScope.Restrict(Snapshot, new HashSet<string> { "prod" }, clusterScoped: true);
        Assert.Single(scoped.Nodes);
        Assert.Equal(["prod/b"], scoped.Pods.Select(p => p.Key.ToString()));
        Assert.Single(scoped.Services);
        Assert.Empty(scoped.NetworkPolicies);
    }

    [Fact]
    public void Restrict_WithoutClusterRight_DropsSourceDiagnostics()
    {
        var withDiagnostics = Snapshot with { Diagnostics = [new SourceDiagnostic("error", "object skipped", Object: "prod/b")] };

        Assert.Empty(SnapshotScope.Restrict(withDiagnostics, new HashSet<string> { "dev" }, clusterScoped: false).Diagnostics);
        Assert.Single(SnapshotScope.Restrict(withDiagnostics, new HashSet<string> { "dev" }, clusterScoped: true).Diagnostics);
    }

    [Fact]
    public void Restrict_AllNamespacesAndClusterRight_ReturnsSameSnapshot() =>
        Assert.Same(Snapshot, SnapshotScope.Restrict(Snapshot, _ => false, clusterScoped: true, allNamespaces: true));

    [Fact]
    public void Restrict_AllNamespacesWithoutClusterRight_KeepsNamespacedHidesNodes()
    {
        var scoped = SnapshotScope.Restrict(Snapshot, _ => false, clusterScoped: false, allNamespaces: true);

        Assert.Equal(["dev/a", "prod/b"], scoped.Pods.Select(p => p.Key.ToString()));
        Assert.Equal(2, scoped.Namespaces.Count);
        Assert.Empty(scoped.Nodes);
    }

    [Fact]
    public void NamespacesOf_ObjectsInUnlistedNamespace_Included()
    {
        var snapshot = ClusterSnapshot.Create(new SourceInfo("demo", "t"),
            [new NamespaceInfo { Name = "dev" }, new PodInfo { Namespace = "hidden", Name = "x" }, new ServiceInfo { Namespace = "svc-only", Name = "s" }]);

        Assert.Equal(["dev", "hidden", "svc-only"], SnapshotScope.NamespacesOf(snapshot).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("dev", new[] { "pods" })]
    [InlineData("prod", new string[0])]
    public void ChangedKinds_PodChangedInDev_OnlyDevViewSeesIt(string visible, string[] expected)
    {
        var later = ClusterSnapshot.Create(new SourceInfo("demo", "t"),
        [
            .. Snapshot.Nodes, .. Snapshot.Namespaces, .. Snapshot.Pods, .. Snapshot.Services, .. Snapshot.NetworkPolicies,
            new PodInfo { Namespace = "dev", Name = "new" },
        ], version: 2);
        var scope = new HashSet<string> { visible };

        var changed = SnapshotScope.ChangedKinds(SnapshotScope.Restrict(Snapshot, scope, false), SnapshotScope.Restrict(later, scope, false), [ResourceKind.Pods]);

        Assert.Equal(expected, changed);
    }

    [Fact]
    public void Restrict_WithPreviousCut_ReusesUnchangedKindsOnly()
    {
        var scope = new HashSet<string> { "dev" };
        var firstCut = SnapshotScope.Restrict(Snapshot, scope.Contains, clusterScoped: false);
        var next = Snapshot with { Version = 2, Services = KindCollection<ServiceInfo>.From([new ServiceInfo { Namespace = "dev", Name = "new" }]) };

        var nextCut = SnapshotScope.Restrict(next, scope.Contains, clusterScoped: false, previous: (Snapshot, firstCut));

        Assert.Same(firstCut.Pods, nextCut.Pods);
        Assert.Same(firstCut.Namespaces, nextCut.Namespaces);
        Assert.Equal(["dev/new"], nextCut.Services.Select(s => s.Key.ToString()));
    }

    [Fact]
    public void Restrict_DuringPagedSync_LoadedAndExpectedCappedAtWhatTheUserSees()
    {
        // Mid first sync: 4,000 of a cluster-wide 10,000 pods listed so far.
        var syncing = Snapshot with
        {
            Kinds = Snapshot.Kinds.SetItem(ResourceKind.Pods, new KindStatus(KindState.Syncing, 2, Loaded: 4_000, Expected: 10_000)),
        };

        var scoped = SnapshotScope.Restrict(syncing, new HashSet<string> { "dev" }, clusterScoped: false);

        var pods = scoped.StatusOf(ResourceKind.Pods);
        Assert.Equal(1, pods.Count);
        Assert.Equal(1, pods.Loaded);
        Assert.Equal(1, pods.Expected);
    }
}
