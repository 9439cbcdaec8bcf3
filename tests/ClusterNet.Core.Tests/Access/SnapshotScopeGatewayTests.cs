using ClusterNet.Core.Access;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Tests.Access;

/// <summary>Gateway API and implementation objects are cut like every other kind: by namespace, cluster-scoped ones by the cluster right.</summary>
public sealed class SnapshotScopeGatewayTests
{
    private static GatewayRouteInfo Route(GatewayRouteKind kind, string ns) => new() { Kind = kind, Namespace = ns, Name = "r" };

    private static readonly ClusterSnapshot Snapshot = ClusterSnapshot.Create(new SourceInfo("demo", "t"),
    [
        new GatewayClassInfo { Name = "eg", ControllerName = "gateway.envoyproxy.io/gatewayclass-controller" },
        new GatewayInfo { Namespace = "dev", Name = "gw" },
        new GatewayInfo { Namespace = "prod", Name = "gw" },
        Route(GatewayRouteKind.HttpRoute, "dev"),
        Route(GatewayRouteKind.HttpRoute, "prod"),
        Route(GatewayRouteKind.GrpcRoute, "prod"),
        Route(GatewayRouteKind.TlsRoute, "prod"),
        Route(GatewayRouteKind.TcpRoute, "prod"),
        Route(GatewayRouteKind.UdpRoute, "prod"),
        new ReferenceGrantInfo { Namespace = "prod", Name = "g" },
        new ClientTrafficPolicyInfo { Namespace = "prod", Name = "ctp" },
        new EnvoyProxyInfo { Namespace = "prod", Name = "ep" },
        new NginxProxyInfo { Namespace = "", Name = "cluster-wide" },
        new NginxProxyInfo { Namespace = "prod", Name = "np" },
    ]);

    [Fact]
    public void Restrict_ToDevWithoutClusterRight_OnlyDevGatewayObjects()
    {
        var scoped = SnapshotScope.Restrict(Snapshot, new HashSet<string> { "dev" }, clusterScoped: false);
        Assert.Equal(["dev/gw"], scoped.Gateways.Select(g => g.Key.ToString()));
        Assert.Equal(["dev/r"], scoped.GatewayRoutes.Select(r => r.Key.ToString()));
        Assert.Empty(scoped.GatewayClasses);
        Assert.Empty(scoped.ReferenceGrants);
        Assert.Empty(scoped.ClientTrafficPolicies);
        Assert.Empty(scoped.EnvoyProxies);
        Assert.Empty(scoped.NginxProxies);
        Assert.Equal(1, scoped.StatusOf(ResourceKind.HttpRoutes).Count);
        Assert.Equal(0, scoped.StatusOf(ResourceKind.UdpRoutes).Count);
        Assert.Equal(0, scoped.StatusOf(ResourceKind.GatewayClasses).Count);
    }

    [Fact]
    public void Restrict_ToProdWithClusterRight_KeepsClassAndClusterScopedNginxProxy()
    {
        var scoped = SnapshotScope.Restrict(Snapshot, new HashSet<string> { "prod" }, clusterScoped: true);
        Assert.Single(scoped.GatewayClasses);
        Assert.Equal(5, scoped.GatewayRoutes.Count());
        Assert.Equal(["cluster-wide", "prod/np"], scoped.NginxProxies.Select(p => p.Key.ToString()));
        Assert.Single(scoped.ClientTrafficPolicies);
    }

    [Fact]
    public void NamespacesOf_GatewayObjectsCount()
    {
        var onlyRoutes = ClusterSnapshot.Create(new SourceInfo("demo", "t"), [Route(GatewayRouteKind.TcpRoute, "edge")]);
        Assert.Contains("edge", SnapshotScope.NamespacesOf(onlyRoutes));
    }

    [Fact]
    public void ChangedKinds_RouteInHiddenNamespace_NotReported()
    {
        var before = SnapshotScope.Restrict(Snapshot, new HashSet<string> { "dev" }, clusterScoped: false);
        var next = ClusterSnapshot.Create(new SourceInfo("demo", "t"), [.. Snapshot.GatewayRoutes.Where(r => r.Namespace == "dev"), Route(GatewayRouteKind.HttpRoute, "prod") with { Name = "new" }]);
        var after = SnapshotScope.Restrict(next, new HashSet<string> { "dev" }, clusterScoped: false);
        Assert.Empty(SnapshotScope.ChangedKinds(before, after, [ResourceKind.HttpRoutes]));
    }
}
