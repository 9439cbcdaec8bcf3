using ClusterNet.Core.ClientIp;
using ClusterNet.Core.ClientIp.Gateway;
using ClusterNet.Core.Model;
using static ClusterNet.Core.Tests.ClientIp.Gateways.GatewayTestObjects;

namespace ClusterNet.Core.Tests.ClientIp.Gateways;

/// <summary>
/// Implementation × Service policy × trust setting, end to end: objects in a snapshot → resolution (implementation,
/// data-plane Service, settings read from the implementation's resources) → a request from 198.51.100.23 through the
/// Service to the gateway pod. Expected values are what each proxy's documented algorithm gives, not a restatement
/// of the code: e.g. Envoy Gateway with numTrustedHops 1 behind a plain L4 load balancer believes whatever the
/// client writes into X-Forwarded-For.
/// </summary>
public sealed class GatewayClientAddressPredictorTests
{
    private const string Client = "198.51.100.23";
    private const string Node = "172.16.100.103";
    private const string PodIp = "10.244.2.5";

    public enum Trust
    {
        Default,
        OneHop,
        TrustEveryone,
        ProxyProtocol,
    }

    private static (GatewayResolution Resolution, GatewayClientAddressPrediction Prediction) Run(string controller, string policy, Trust trust, bool lbSendsProxyProtocol = false)
    {
        var implementation = GatewayImplementations.FromControllerName(controller);
        var labels = implementation == GatewayImplementation.EnvoyGateway ? EnvoyGatewayLabels("web", "gw") : GatewayNameLabels("gw");
        var gw = Gateway("web", "gw", "cls");
        var objects = new List<IClusterObject>
        {
            gw,
            Class("cls", controller),
            Service(implementation == GatewayImplementation.EnvoyGateway ? "envoy-gateway-system" : "web", "gw-proxy", labels, policy: policy),
            Pod(implementation == GatewayImplementation.EnvoyGateway ? "envoy-gateway-system" : "web", "gw-proxy-1", labels, PodIp,
                trust == Trust.TrustEveryone && implementation == GatewayImplementation.Traefik ? ["traefik", "--entryPoints.web.forwardedHeaders.insecure=true"] : ["proxy"]),
        };
        switch (implementation, trust)
        {
            case (GatewayImplementation.EnvoyGateway, Trust.OneHop):
                objects.Add(Ctp(new EnvoyClientIpDetectionInfo { XForwardedFor = true, NumTrustedHops = 1 }));
                break;
            case (GatewayImplementation.EnvoyGateway, Trust.TrustEveryone):
                objects.Add(Ctp(new EnvoyClientIpDetectionInfo { XForwardedFor = true, TrustedCidrs = ["0.0.0.0/0"] }));
                break;
            case (GatewayImplementation.EnvoyGateway, Trust.ProxyProtocol):
                objects.Add(Ctp(null, new EnvoyProxyProtocolInfo(null, false)));
                break;
            case (GatewayImplementation.Istio, Trust.OneHop):
                objects[0] = gw = gw with { Annotations = LabelMap.Of(("proxy.istio.io/config", "gatewayTopology:\n  numTrustedProxies: 1\n")) };
                break;
            case (GatewayImplementation.NginxGatewayFabric, Trust.TrustEveryone):
                objects[0] = gw = gw with { InfrastructureParametersRef = new GatewayParametersRefInfo("gateway.nginx.org", "NginxProxy", "np") };
                objects.Add(new NginxProxyInfo
                {
                    Namespace = "web",
                    Name = "np",
                    RewriteClientIp = new NginxRewriteClientIpInfo { Mode = "XForwardedFor", SetIpRecursively = true, TrustedAddresses = [new NginxTrustedAddressInfo("CIDR", "0.0.0.0/0")] },
                });
                break;
        }

        var resolution = GatewayResolver.Resolve(Snapshot([.. objects]), gw);
        var settings = Assert.Single(resolution.Listeners).Settings;
        var prediction = GatewayClientAddressPredictor.Predict(settings, resolution.DataPlane.TrafficPolicy ?? ServiceTrafficPolicy.NotExternal,
            new GatewayRequestScenario(Client, Node, PodIp, LoadBalancerSendsProxyProtocol: lbSendsProxyProtocol));
        return (resolution, prediction);
    }

    private static ClientTrafficPolicyInfo Ctp(EnvoyClientIpDetectionInfo? detection, EnvoyProxyProtocolInfo? proxyProtocol = null) => new()
    {
        Namespace = "web",
        Name = "ctp",
        TargetRefs = [new PolicyTargetRefInfo("gateway.networking.k8s.io", "Gateway", "gw")],
        ClientIpDetection = detection,
        ProxyProtocol = proxyProtocol,
    };

    [Theory]
    // Envoy Gateway
    [InlineData(GatewayImplementations.EnvoyGatewayController, "Local", Trust.Default, ClientIpOutcome.PreservedInHeader, Client, false)]
    [InlineData(GatewayImplementations.EnvoyGatewayController, "Cluster", Trust.Default, ClientIpOutcome.Lost, Node, false)]
    [InlineData(GatewayImplementations.EnvoyGatewayController, "Cluster", Trust.OneHop, ClientIpOutcome.Lost, Node, true)]
    [InlineData(GatewayImplementations.EnvoyGatewayController, "Local", Trust.OneHop, ClientIpOutcome.PreservedInHeader, Client, true)]
    [InlineData(GatewayImplementations.EnvoyGatewayController, "Cluster", Trust.TrustEveryone, ClientIpOutcome.Lost, Node, true)]
    // Istio
    [InlineData(GatewayImplementations.IstioController, "Local", Trust.Default, ClientIpOutcome.PreservedInHeader, Client, false)]
    [InlineData(GatewayImplementations.IstioController, "Cluster", Trust.Default, ClientIpOutcome.Lost, Node, false)]
    [InlineData(GatewayImplementations.IstioController, "Local", Trust.OneHop, ClientIpOutcome.PreservedInHeader, Client, true)]
    // NGINX Gateway Fabric
    [InlineData(GatewayImplementations.NginxGatewayFabricController, "Local", Trust.Default, ClientIpOutcome.PreservedInHeader, Client, false)]
    [InlineData(GatewayImplementations.NginxGatewayFabricController, "Cluster", Trust.Default, ClientIpOutcome.Lost, Node, false)]
    [InlineData(GatewayImplementations.NginxGatewayFabricController, "Cluster", Trust.TrustEveryone, ClientIpOutcome.Lost, Node, true)]
    // Traefik
    [InlineData(GatewayImplementations.TraefikController, "Local", Trust.Default, ClientIpOutcome.PreservedInHeader, Client, false)]
    [InlineData(GatewayImplementations.TraefikController, "Cluster", Trust.Default, ClientIpOutcome.Lost, Node, false)]
    [InlineData(GatewayImplementations.TraefikController, "Cluster", Trust.TrustEveryone, ClientIpOutcome.Lost, Node, true)]
    // Cilium and kgateway: Envoy edge defaults assumed
    [InlineData(GatewayImplementations.CiliumController, "Cluster", Trust.Default, ClientIpOutcome.Lost, Node, false)]
    [InlineData(GatewayImplementations.KgatewayController, "Local", Trust.Default, ClientIpOutcome.PreservedInHeader, Client, false)]
    public void Predict_ImplementationPolicyTrust_Outcome(string controller, string policy, Trust trust, ClientIpOutcome outcome, string gatewayClientIp, bool forgeable)
    {
        var (_, p) = Run(controller, policy, trust);
        var why = string.Join("\n", p.Steps);
        Assert.True(outcome == p.Outcome, $"outcome {p.Outcome}, expected {outcome}\n{why}");
        Assert.True(gatewayClientIp == p.GatewayClientIp, $"gateway client {p.GatewayClientIp}, expected {gatewayClientIp}\n{why}");
        Assert.True(forgeable == p.Forgeable, $"forgeable {p.Forgeable}, expected {forgeable}\n{why}");
        Assert.Equal(PodIp, p.BackendSocket);
    }

    [Fact]
    public void Predict_EnvoyGatewayLocal_BackendHeaders()
    {
        var (_, p) = Run(GatewayImplementations.EnvoyGatewayController, "Local", Trust.Default);
        Assert.Equal(Client, p.BackendXForwardedFor);
        Assert.Null(p.BackendXRealIp);
    }

    [Fact]
    public void Predict_NginxGatewayFabricLocal_SetsXRealIp()
    {
        var (_, p) = Run(GatewayImplementations.NginxGatewayFabricController, "Local", Trust.Default);
        Assert.Equal((Client, Client), (p.BackendXForwardedFor, p.BackendXRealIp));
    }

    [Theory]
    [InlineData("Cluster", true, ClientIpOutcome.PreservedInHeader)]   // PROXY protocol carries the client past SNAT
    [InlineData("Local", false, ClientIpOutcome.Broken)]               // required but the load balancer does not send it
    public void Predict_EnvoyGatewayProxyProtocol(string policy, bool lbSends, ClientIpOutcome outcome)
    {
        var (_, p) = Run(GatewayImplementations.EnvoyGatewayController, policy, Trust.ProxyProtocol, lbSends);
        Assert.Equal(outcome, p.Outcome);
    }

    [Fact]
    public void Predict_UnknownImplementation_Unknown()
    {
        var (r, p) = Run("example.com/gw", "Local", Trust.Default);
        Assert.Equal(GatewayImplementation.Unknown, r.Implementation);
        Assert.Equal(ClientIpOutcome.Unknown, p.Outcome);
        Assert.Null(p.GatewayClientIp);
    }
}
