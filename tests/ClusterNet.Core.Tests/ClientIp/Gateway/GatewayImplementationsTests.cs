using ClusterNet.Core.ClientIp.Gateway;

namespace ClusterNet.Core.Tests.ClientIp.Gateways;

public sealed class GatewayImplementationsTests
{
    [Theory]
    [InlineData("gateway.envoyproxy.io/gatewayclass-controller", GatewayImplementation.EnvoyGateway)]
    [InlineData("gateway.envoyproxy.io/custom-name", GatewayImplementation.EnvoyGateway)]
    [InlineData("istio.io/gateway-controller", GatewayImplementation.Istio)]
    [InlineData("io.cilium/gateway-controller", GatewayImplementation.Cilium)]
    [InlineData("gateway.nginx.org/nginx-gateway-controller", GatewayImplementation.NginxGatewayFabric)]
    [InlineData("traefik.io/gateway-controller", GatewayImplementation.Traefik)]
    [InlineData("kgateway.dev/kgateway", GatewayImplementation.Kgateway)]
    [InlineData("example.com/gateway-controller", GatewayImplementation.Unknown)]
    [InlineData("", GatewayImplementation.Unknown)]
    [InlineData(null, GatewayImplementation.Unknown)]
    public void FromControllerName_KnownDomains_Implementation(string? controller, GatewayImplementation expected) =>
        Assert.Equal(expected, GatewayImplementations.FromControllerName(controller));

    [Fact]
    public void Resolve_ClassMissing_UnknownAndSaysWhy()
    {
        var gw = GatewayTestObjects.Gateway("dev", "gw", "missing");
        var r = GatewayResolver.Resolve(GatewayTestObjects.Snapshot(gw), gw);
        Assert.Equal(GatewayImplementation.Unknown, r.Implementation);
        Assert.Contains("GatewayClass missing is not in the snapshot", r.DescribeImplementation());
        Assert.Equal(GatewayClientIpMechanism.Unknown, Assert.Single(r.Listeners).Settings.Mechanism);
    }

    [Fact]
    public void Resolve_UnknownController_NamesIt()
    {
        var gw = GatewayTestObjects.Gateway("dev", "gw", "other");
        var r = GatewayResolver.Resolve(GatewayTestObjects.Snapshot(gw, GatewayTestObjects.Class("other", "example.com/gw")), gw);
        Assert.Equal("unknown implementation (controller example.com/gw)", r.DescribeImplementation());
        Assert.Contains("example.com/gw", Assert.Single(Assert.Single(r.Listeners).Settings.Notes));
    }
}
