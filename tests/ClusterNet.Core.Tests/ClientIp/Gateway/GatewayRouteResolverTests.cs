using ClusterNet.Core.ClientIp.Gateway;
using ClusterNet.Core.Model;
using static ClusterNet.Core.Tests.ClientIp.Gateways.GatewayTestObjects;

namespace ClusterNet.Core.Tests.ClientIp.Gateways;

public sealed class GatewayRouteResolverTests
{
    private static readonly GatewayInfo Gw = Gateway("dev", "eg", "eg", Listener("http", 80, "HTTP"), Listener("tcp", 5432, "TCP", from: "All"));
    private static readonly ServiceInfo Web = Service("dev", "web", LabelMap.Of(("app", "web")), type: "ClusterIP");
    private static readonly ServiceInfo Db = Service("data", "db", LabelMap.Of(("app", "db")), type: "ClusterIP");

    [Fact]
    public void Resolve_RouteWithoutSection_AttachesToEveryListenerThatAcceptsItsKind()
    {
        var snap = Snapshot(Gw, Web, HttpRoute("dev", "web", Parent("eg"), Backend("web")));
        var http = GatewayRouteResolver.Resolve(snap, Gw, Gw.Listeners[0]);
        var backend = Assert.Single(Assert.Single(http).Backends);
        Assert.Equal((new ObjectKey("dev", "web"), true, null), (backend.Target, backend.Allowed, backend.Problem));
        Assert.Same(Web, backend.Service);
        var tcp = Assert.Single(GatewayRouteResolver.Resolve(snap, Gw, Gw.Listeners[1]));
        Assert.False(tcp.Accepted);
        Assert.Contains("does not accept HTTPRoutes", tcp.Reason);
    }

    [Fact]
    public void Resolve_SectionNameOtherListener_NotAttached()
    {
        var snap = Snapshot(Gw, Web, HttpRoute("dev", "web", Parent("eg", section: "other"), Backend("web")));
        Assert.Empty(GatewayRouteResolver.Resolve(snap, Gw, Gw.Listeners[0]));
    }

    [Fact]
    public void Resolve_RouteFromOtherNamespace_RefusedBySameDefault()
    {
        var snap = Snapshot(Gw, HttpRoute("team", "web", Parent("eg", ns: "dev"), Backend("web")));
        var a = Assert.Single(GatewayRouteResolver.Resolve(snap, Gw, Gw.Listeners[0]));
        Assert.False(a.Accepted);
        Assert.Contains("from: Same", a.Reason);
    }

    [Fact]
    public void Resolve_CrossNamespaceBackend_NeedsReferenceGrant()
    {
        var route = HttpRoute("dev", "web", Parent("eg"), Backend("db", ns: "data"));
        var without = Assert.Single(Assert.Single(GatewayRouteResolver.Resolve(Snapshot(Gw, Db, route), Gw, Gw.Listeners[0])).Backends);
        Assert.False(without.Allowed);
        Assert.Contains("no ReferenceGrant in namespace data", without.Problem);

        var grant = new ReferenceGrantInfo
        {
            Namespace = "data",
            Name = "from-dev",
            From = [new ReferenceGrantFromInfo("gateway.networking.k8s.io", "HTTPRoute", "dev")],
            To = [new ReferenceGrantToInfo("", "Service")],
        };
        var with = Assert.Single(Assert.Single(GatewayRouteResolver.Resolve(Snapshot(Gw, Db, route, grant), Gw, Gw.Listeners[0])).Backends);
        Assert.True(with.Allowed);
        Assert.Null(with.Problem);
    }

    [Fact]
    public void Resolve_BackendNotAServiceOrMissing_Problem()
    {
        var route = HttpRoute("dev", "web", Parent("eg"), new RouteBackendRefInfo("multicluster.x-k8s.io", "ServiceImport", null, "web"), Backend("gone"));
        var backends = Assert.Single(GatewayRouteResolver.Resolve(Snapshot(Gw, route), Gw, Gw.Listeners[0])).Backends;
        Assert.Contains("is not a Service", backends[0].Problem);
        Assert.Contains("Service dev/gone is not in the snapshot", backends[1].Problem);
    }
}
