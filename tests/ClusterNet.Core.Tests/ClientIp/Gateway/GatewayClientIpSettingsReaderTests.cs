using ClusterNet.Core.ClientIp.Gateway;
using ClusterNet.Core.Model;
using static ClusterNet.Core.Tests.ClientIp.Gateways.GatewayTestObjects;

namespace ClusterNet.Core.Tests.ClientIp.Gateways;

public sealed class GatewayClientIpSettingsReaderTests
{
    private static GatewayClientIpSettings Settings(ClusterSnapshot snap, GatewayInfo gw, string listener = "http")
    {
        var r = GatewayResolver.Resolve(snap, gw);
        return r.Listeners.Single(l => l.Listener.Name == listener).Settings;
    }

    private static ClientTrafficPolicyInfo Ctp(string name, string? section = null, EnvoyClientIpDetectionInfo? detection = null, EnvoyProxyProtocolInfo? pp = null) => new()
    {
        Namespace = "dev",
        Name = name,
        TargetRefs = [new PolicyTargetRefInfo("gateway.networking.k8s.io", "Gateway", "eg", section)],
        ClientIpDetection = detection,
        ProxyProtocol = pp,
    };

    private static readonly GatewayClassInfo Eg = Class("eg", GatewayImplementations.EnvoyGatewayController);

    [Fact]
    public void EnvoyGateway_NoPolicy_SocketPeerWithDocumentedDefaults()
    {
        var gw = Gateway("dev", "eg", "eg");
        var s = Settings(Snapshot(gw, Eg), gw);
        Assert.Equal(GatewayClientIpMechanism.SocketPeer, s.Mechanism);
        Assert.True(s.Envoy!.UseRemoteAddress);
        Assert.Equal(0, s.Envoy.NumTrustedHops);
        Assert.True(s.AppendsXForwardedFor);
        Assert.All(s.Inputs, i => Assert.Equal(SettingOrigin.DocumentedDefault, i.Origin));
        Assert.Contains(s.Inputs, i => i.Source.Contains("no ClientTrafficPolicy", StringComparison.Ordinal));
    }

    [Fact]
    public void EnvoyGateway_ListenerPolicyBeatsGatewayPolicy()
    {
        var gw = Gateway("dev", "eg", "eg", Listener("http", 80, "HTTP"), Listener("https", 443, "HTTPS"));
        var snap = Snapshot(gw, Eg,
            Ctp("whole", detection: new EnvoyClientIpDetectionInfo { XForwardedFor = true, NumTrustedHops = 1 }),
            Ctp("tls-only", section: "https", detection: new EnvoyClientIpDetectionInfo { XForwardedFor = true, NumTrustedHops = 2 }));
        Assert.Equal(1, Settings(snap, gw, "http").Envoy!.NumTrustedHops);
        var https = Settings(snap, gw, "https");
        Assert.Equal(2, https.Envoy!.NumTrustedHops);
        Assert.Equal(GatewayClientIpMechanism.XffTrustedHops, https.Mechanism);
        var hops = https.Inputs.Single(i => i.Field.EndsWith("numTrustedHops", StringComparison.Ordinal));
        Assert.Equal((SettingOrigin.Read, "ClientTrafficPolicy dev/tls-only"), (hops.Origin, hops.Source));
    }

    [Fact]
    public void EnvoyGateway_TrustedCidrsCustomHeaderAndProxyProtocol()
    {
        var gw = Gateway("dev", "eg", "eg");
        var cidrs = Settings(Snapshot(gw, Eg, Ctp("c", detection: new EnvoyClientIpDetectionInfo { XForwardedFor = true, TrustedCidrs = ["10.0.0.0/8", "0.0.0.0/0"] })), gw);
        Assert.Equal(GatewayClientIpMechanism.XffTrustedCidrs, cidrs.Mechanism);
        Assert.Equal(2, cidrs.Envoy!.TrustedCidrs.Length);
        Assert.True(cidrs.TrustsEveryone);

        var header = Settings(Snapshot(gw, Eg, Ctp("h", detection: new EnvoyClientIpDetectionInfo { CustomHeaderName = "X-Client-IP", CustomHeaderFailClosed = true })), gw);
        Assert.Equal((GatewayClientIpMechanism.CustomHeader, "X-Client-IP"), (header.Mechanism, header.CustomHeader));

        var pp = Settings(Snapshot(gw, Eg, Ctp("p", pp: new EnvoyProxyProtocolInfo(true, false))), gw);
        Assert.True(pp.ProxyProtocol);
        Assert.True(pp.ProxyProtocolOptional);
    }

    [Fact]
    public void EnvoyGateway_EnvoyProxyAsksLocalButServiceIsCluster_Noted()
    {
        var gw = Gateway("dev", "eg", "eg") with { InfrastructureParametersRef = new GatewayParametersRefInfo("gateway.envoyproxy.io", "EnvoyProxy", "proxy") };
        var labels = EnvoyGatewayLabels("dev", "eg");
        var snap = Snapshot(gw, Eg, new EnvoyProxyInfo { Namespace = "dev", Name = "proxy", ExternalTrafficPolicy = "Local" }, Service("envoy-gateway-system", "envoy", labels, policy: "Cluster"));
        var r = GatewayResolver.Resolve(snap, gw);
        Assert.Contains(r.Notes, n => n.Contains("externalTrafficPolicy Cluster while EnvoyProxy dev/proxy asks for Local", StringComparison.Ordinal));
    }

    [Fact]
    public void Istio_NumTrustedProxiesFromGatewayAnnotation()
    {
        var gw = Gateway("web", "gw", "istio") with { Annotations = LabelMap.Of(("proxy.istio.io/config", """{"gatewayTopology" : { "numTrustedProxies": 2 } }""")) };
        var s = Settings(Snapshot(gw, Class("istio", GatewayImplementations.IstioController)), gw);
        Assert.Equal((GatewayClientIpMechanism.XffTrustedHops, 2), (s.Mechanism, s.Envoy!.NumTrustedHops));
        Assert.Equal(SettingOrigin.Read, s.Inputs.Single(i => i.Field == "gatewayTopology.numTrustedProxies").Origin);
    }

    [Fact]
    public void Istio_NoAnnotation_MeshConfigNotRead()
    {
        var gw = Gateway("web", "gw", "istio");
        var s = Settings(Snapshot(gw, Class("istio", GatewayImplementations.IstioController)), gw);
        Assert.Equal(GatewayClientIpMechanism.SocketPeer, s.Mechanism);
        Assert.Equal(SettingOrigin.NotRead, s.Inputs.Single(i => i.Field == "gatewayTopology.numTrustedProxies").Origin);
    }

    [Fact]
    public void Istio_MeshConfigDefault_ReadFromIstioConfigMap()
    {
        var gw = Gateway("web", "gw", "istio");
        var mesh = new ConfigMapInfo
        {
            Namespace = "istio-system",
            Name = "istio",
            Data = LabelMap.Of(("mesh", "defaultConfig:\n  gatewayTopology:\n    numTrustedProxies: 1\n  discoveryAddress: istiod.istio-system.svc:15012\n")),
        };
        var s = Settings(Snapshot(gw, Class("istio", GatewayImplementations.IstioController), mesh), gw);
        Assert.Equal(1, s.Envoy!.NumTrustedHops);
        var input = s.Inputs.Single(i => i.Field == "gatewayTopology.numTrustedProxies");
        Assert.Equal((SettingOrigin.Read, "ConfigMap istio-system/istio key mesh (defaultConfig)"), (input.Origin, input.Source));
    }

    [Fact]
    public void NginxGatewayFabric_GatewayNginxProxyOverridesClass()
    {
        var cls = Class("nginx", GatewayImplementations.NginxGatewayFabricController, new GatewayParametersRefInfo("gateway.nginx.org", "NginxProxy", "base", "nginx-gateway"));
        var gw = Gateway("web", "gw", "nginx") with { InfrastructureParametersRef = new GatewayParametersRefInfo("gateway.nginx.org", "NginxProxy", "strict") };
        var snap = Snapshot(gw, cls,
            new NginxProxyInfo { Namespace = "nginx-gateway", Name = "base", RewriteClientIp = new NginxRewriteClientIpInfo { Mode = "XForwardedFor", SetIpRecursively = true, TrustedAddresses = [new NginxTrustedAddressInfo("CIDR", "0.0.0.0/0")] } },
            new NginxProxyInfo { Namespace = "web", Name = "strict", RewriteClientIp = new NginxRewriteClientIpInfo { TrustedAddresses = [new NginxTrustedAddressInfo("CIDR", "10.0.0.0/8")] } });
        var s = Settings(snap, gw);
        Assert.Equal(GatewayClientIpMechanism.NginxRealIp, s.Mechanism);
        Assert.Equal<string>(["10.0.0.0/8"], s.TrustedAddresses);
        Assert.True(s.Recursive);
        Assert.False(s.TrustsEveryone);
        Assert.True(s.SetsXRealIp);
    }

    [Fact]
    public void NginxGatewayFabric_NoNginxProxy_NoRewrite()
    {
        var gw = Gateway("web", "gw", "nginx");
        var s = Settings(Snapshot(gw, Class("nginx", GatewayImplementations.NginxGatewayFabricController)), gw);
        Assert.Equal(GatewayClientIpMechanism.SocketPeer, s.Mechanism);
        Assert.Equal(SettingOrigin.DocumentedDefault, s.Inputs.First().Origin);
    }

    [Theory]
    [InlineData(new string[0], GatewayClientIpMechanism.SocketPeer, false)]
    [InlineData(new[] { "--entryPoints.web.forwardedHeaders.trustedIPs=10.0.0.0/8,192.168.0.0/16" }, GatewayClientIpMechanism.TraefikForwardedHeaders, false)]
    [InlineData(new[] { "--entrypoints.web.forwardedheaders.insecure" }, GatewayClientIpMechanism.TraefikForwardedHeaders, true)]
    public void Traefik_ForwardedHeadersFromPodArgs(string[] args, GatewayClientIpMechanism mechanism, bool everyone)
    {
        var labels = GatewayNameLabels("gw");
        var gw = Gateway("web", "gw", "traefik");
        var snap = Snapshot(gw, Class("traefik", GatewayImplementations.TraefikController), Service("web", "traefik", labels), Pod("web", "traefik-1", labels, command: ["traefik", .. args]));
        var s = Settings(snap, gw);
        Assert.Equal((mechanism, everyone), (s.Mechanism, s.TrustsEveryone));
    }

    [Fact]
    public void Cilium_EnvoyDefaultsAssumedAndSaidSo()
    {
        var gw = Gateway("web", "gw", "cilium");
        var s = Settings(Snapshot(gw, Class("cilium", GatewayImplementations.CiliumController)), gw);
        Assert.All(s.Inputs, i => Assert.Equal(SettingOrigin.NotRead, i.Origin));
        Assert.Contains("assumed", Assert.Single(s.Notes));
    }
}
