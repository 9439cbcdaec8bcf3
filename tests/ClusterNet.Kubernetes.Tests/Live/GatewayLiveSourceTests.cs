using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Live;
using ClusterNet.Testing;
using Xunit.Abstractions;

namespace ClusterNet.Kubernetes.Tests.Live;

/// <summary>
/// The live source reads Gateway API objects and the implementations' client-IP settings from a real API server with
/// the CRDs installed by the test, each kind from the newest version the server serves.
/// </summary>
public sealed class GatewayLiveSourceTests(ControlPlaneFixture fixture, ITestOutputHelper output) : ControlPlaneTestBase(fixture, output)
{
    private static readonly LiveSourceOptions TestOptions = CrdTestOptions.AllKinds;

    [Fact]
    public async Task Sync_GatewayApiObjects_ReadFromNewestServedVersion()
    {
        const string ns = "it-gateway";
        await Plane.ApplyAsync(GatewayApiCrds.Manifest);
        await Plane.KubectlAsync(GatewayApiCrds.WaitEstablished);
        await Plane.ApplyAsync(Objects(ns));

        await using var source = AdminSource(TestOptions);
        await source.StartAsync(CancellationToken.None);
        var snap = await LiveWait.ForAsync(
            source.Store,
            s => GatewayApiCrds.Kinds.All(k => s.StatusOf(k).State == KindState.Synced)
                && s.Gateways.Get(ns, "eg") is not null && s.HttpRoutes.Get(ns, "web") is not null && s.TlsRoutes.Get(ns, "tls") is not null
                && s.ClientTrafficPolicies.Get(ns, "client-ip") is not null && s.NginxProxies.Get(ns, "ngf") is not null
                && s.EnvoyProxies.Get(ns, "proxy") is not null && s.ReferenceGrants.Get(ns, "from-other") is not null,
            "gateway kinds synced with the test objects",
            TimeSpan.FromSeconds(20));

        Assert.Equal("gateway.networking.k8s.io/v1", snap.StatusOf(ResourceKind.Gateways).ApiVersion);
        Assert.Equal("gateway.networking.k8s.io/v1", snap.StatusOf(ResourceKind.HttpRoutes).ApiVersion);
        Assert.Equal("gateway.networking.k8s.io/v1alpha2", snap.StatusOf(ResourceKind.TlsRoutes).ApiVersion);
        Assert.Equal("gateway.networking.k8s.io/v1beta1", snap.StatusOf(ResourceKind.ReferenceGrants).ApiVersion);
        Assert.Equal("gateway.nginx.org/v1alpha2", snap.StatusOf(ResourceKind.NginxProxies).ApiVersion);

        var gatewayClass = snap.GatewayClasses.Get("", "it-eg")!;
        Assert.Equal("gateway.envoyproxy.io/gatewayclass-controller", gatewayClass.ControllerName);
        Assert.Equal(new GatewayParametersRefInfo("gateway.envoyproxy.io", "EnvoyProxy", "proxy", ns), gatewayClass.ParametersRef);

        var gateway = snap.Gateways.Get(ns, "eg")!;
        Assert.Equal("it-eg", gateway.GatewayClassName);
        var listener = Assert.Single(gateway.Listeners);
        Assert.Equal(("http", 80, "HTTP", "Same"), (listener.Name, listener.Port, listener.Protocol, listener.AllowedRoutesFrom));
        Assert.Equal<GatewayAddressInfo>([new GatewayAddressInfo("IPAddress", "198.51.100.7")], gateway.StatusAddresses);

        var route = snap.HttpRoutes.Get(ns, "web")!;
        Assert.Equal(GatewayRouteKind.HttpRoute, route.Kind);
        Assert.Equal<RouteParentRefInfo>([new RouteParentRefInfo("gateway.networking.k8s.io", "Gateway", null, "eg", "http")], route.ParentRefs);
        var rule = Assert.Single(route.Rules);
        Assert.Equal<string>(["PathPrefix /api"], rule.Matches);
        Assert.Equal<RouteBackendRefInfo>([new RouteBackendRefInfo("", "Service", null, "web", 8080)], rule.BackendRefs);
        Assert.Equal(GatewayRouteKind.TlsRoute, snap.TlsRoutes.Get(ns, "tls")!.Kind);

        var policy = snap.ClientTrafficPolicies.Get(ns, "client-ip")!;
        Assert.Equal<PolicyTargetRefInfo>([new PolicyTargetRefInfo("gateway.networking.k8s.io", "Gateway", "eg")], policy.TargetRefs);
        Assert.Equal(2, policy.ClientIpDetection!.NumTrustedHops);
        Assert.Equal(new EnvoyProxyProtocolInfo(true, false), policy.ProxyProtocol);
        Assert.Equal(("LoadBalancer", "Cluster"), (snap.EnvoyProxies.Get(ns, "proxy")!.ServiceType, snap.EnvoyProxies.Get(ns, "proxy")!.ExternalTrafficPolicy));

        var rewrite = snap.NginxProxies.Get(ns, "ngf")!.RewriteClientIp!;
        Assert.Equal(("XForwardedFor", true), (rewrite.Mode, rewrite.SetIpRecursively));
        Assert.Equal<NginxTrustedAddressInfo>([new NginxTrustedAddressInfo("CIDR", "10.0.0.0/8")], rewrite.TrustedAddresses);

        await ServerState.WaitForEqualAsync(source.Store, Plane.AdminConfig());
    }

    private static string Objects(string ns) => $$$"""
        apiVersion: v1
        kind: Namespace
        metadata: {name: {{{ns}}}}
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: GatewayClass
        metadata: {name: it-eg}
        spec:
          controllerName: gateway.envoyproxy.io/gatewayclass-controller
          parametersRef: {group: gateway.envoyproxy.io, kind: EnvoyProxy, name: proxy, namespace: {{{ns}}}}
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: eg, namespace: {{{ns}}}}
        spec:
          gatewayClassName: it-eg
          listeners:
          - name: http
            protocol: HTTP
            port: 80
            allowedRoutes: {namespaces: {from: Same}}
        status:
          addresses: [{type: IPAddress, value: 198.51.100.7}]
        ---
        apiVersion: gateway.networking.k8s.io/v1beta1
        kind: HTTPRoute
        metadata: {name: web, namespace: {{{ns}}}}
        spec:
          parentRefs: [{name: eg, sectionName: http}]
          rules:
          - matches: [{path: {type: PathPrefix, value: /api}}]
            backendRefs: [{name: web, port: 8080}]
        ---
        apiVersion: gateway.networking.k8s.io/v1alpha2
        kind: TLSRoute
        metadata: {name: tls, namespace: {{{ns}}}}
        spec:
          parentRefs: [{name: eg}]
          rules: [{backendRefs: [{name: web, port: 8443}]}]
        ---
        apiVersion: gateway.networking.k8s.io/v1beta1
        kind: ReferenceGrant
        metadata: {name: from-other, namespace: {{{ns}}}}
        spec:
          from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: other}]
          to: [{group: "", kind: Service}]
        ---
        apiVersion: gateway.envoyproxy.io/v1alpha1
        kind: ClientTrafficPolicy
        metadata: {name: client-ip, namespace: {{{ns}}}}
        spec:
          targetRefs: [{group: gateway.networking.k8s.io, kind: Gateway, name: eg}]
          clientIPDetection: {xForwardedFor: {numTrustedHops: 2}}
          proxyProtocol: {optional: true}
        ---
        apiVersion: gateway.envoyproxy.io/v1alpha1
        kind: EnvoyProxy
        metadata: {name: proxy, namespace: {{{ns}}}}
        spec:
          provider:
            type: Kubernetes
            kubernetes:
              envoyService: {type: LoadBalancer, externalTrafficPolicy: Cluster}
        ---
        apiVersion: gateway.nginx.org/v1alpha2
        kind: NginxProxy
        metadata: {name: ngf, namespace: {{{ns}}}}
        spec:
          rewriteClientIP:
            mode: XForwardedFor
            setIPRecursively: true
            trustedAddresses: [{type: CIDR, value: 10.0.0.0/8}]
        """;
}
