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
}
