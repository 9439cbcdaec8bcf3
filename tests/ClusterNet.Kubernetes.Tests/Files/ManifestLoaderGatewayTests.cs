using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Files;

namespace ClusterNet.Kubernetes.Tests.Files;

/// <summary>Gateway API and implementation kinds read from manifests: every served version, defaults of the API, problems located by line.</summary>
public sealed class ManifestLoaderGatewayTests
{
    private const string Yaml = """
        apiVersion: gateway.networking.k8s.io/v1
        kind: GatewayClass
        metadata: {name: nginx}
        spec:
          controllerName: gateway.nginx.org/nginx-gateway-controller
          parametersRef: {group: gateway.nginx.org, kind: NginxProxy, name: ngf-proxy}
        ---
        apiVersion: gateway.networking.k8s.io/v1beta1
        kind: Gateway
        metadata: {name: gw}
        spec:
          gatewayClassName: nginx
          listeners:
          - {name: https, protocol: HTTPS, port: 443, hostname: "*.example.com", tls: {certificateRefs: [{name: cert}]}}
          - {name: tcp, protocol: TCP, port: notaport}
        ---
        apiVersion: gateway.networking.k8s.io/v1alpha2
        kind: GRPCRoute
        metadata: {name: rpc, namespace: apps}
        spec:
          parentRefs: [{name: gw, namespace: default, sectionName: https}]
          rules:
          - matches: [{method: {service: echo.Echo, method: Ping}}]
            backendRefs: [{name: echo, port: 9000, weight: 3}]
        ---
        apiVersion: gateway.networking.k8s.io/v1alpha2
        kind: TCPRoute
        metadata: {name: db}
        spec:
          parentRefs: [{name: gw, sectionName: tcp}]
          rules: [{backendRefs: [{name: postgres, port: 5432}]}]
        ---
        apiVersion: gateway.nginx.org/v1alpha1
        kind: NginxProxy
        metadata: {name: ngf-proxy}
        spec:
          rewriteClientIP:
            mode: ProxyProtocol
            trustedAddresses: [{type: CIDR, value: 10.0.0.0/8}]
        """;

    [Fact]
    public void LoadText_GatewayKinds_ReadWithApiDefaults()
    {
        var result = ManifestLoader.LoadText(Yaml, "gw.yaml");
        var snap = result.ToSnapshot(new SourceInfo("file", "gw.yaml"));

        Assert.Equal("gateway.nginx.org/nginx-gateway-controller", snap.GatewayClasses.Get("", "nginx")!.ControllerName);
        var gw = snap.Gateways.Get("default", "gw")!;
        Assert.Equal(("https", 443, "HTTPS", "*.example.com", "Terminate"), (gw.Listeners[0].Name, gw.Listeners[0].Port, gw.Listeners[0].Protocol, gw.Listeners[0].Hostname, gw.Listeners[0].TlsMode));

        var rpc = snap.GrpcRoutes.Get("apps", "rpc")!;
        Assert.Equal(GatewayRouteKind.GrpcRoute, rpc.Kind);
        Assert.Equal(new RouteParentRefInfo("gateway.networking.k8s.io", "Gateway", "default", "gw", "https"), Assert.Single(rpc.ParentRefs));
        var rule = Assert.Single(rpc.Rules);
        Assert.Equal("echo.Echo/Ping", Assert.Single(rule.Matches));
        Assert.Equal(new RouteBackendRefInfo("", "Service", null, "echo", 9000, 3), Assert.Single(rule.BackendRefs));

        Assert.Equal(GatewayRouteKind.TcpRoute, snap.TcpRoutes.Get("default", "db")!.Kind);
        Assert.Equal(1, snap.StatusOf(ResourceKind.TcpRoutes).Count);

        // v1alpha1 NginxProxy is cluster-scoped: no namespace, not "default".
        var proxy = snap.NginxProxies.Get("", "ngf-proxy")!;
        Assert.Equal("ProxyProtocol", proxy.RewriteClientIp!.Mode);
    }

    [Fact]
    public void LoadText_GatewayFieldOfWrongType_ReportedWithLineObjectKept()
    {
        var result = ManifestLoader.LoadText(Yaml, "gw.yaml");
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(("gw.yaml", "spec.listeners[1].port"), (d.File, d.Field));
        Assert.Equal(15, d.Line);
        Assert.Contains("expected an integer", d.Message);
        Assert.NotNull(result.ToSnapshot(new SourceInfo("file", "gw.yaml")).Gateways.Get("default", "gw"));
    }
}
