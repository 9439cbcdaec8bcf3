using ClusterNet.Core.ClientIp.Gateway;
using ClusterNet.Core.Model;
using static ClusterNet.Core.Tests.ClientIp.Gateways.GatewayTestObjects;

namespace ClusterNet.Core.Tests.ClientIp.Gateways;

public sealed class GatewayDataPlaneResolverTests
{
    [Fact]
    public void Resolve_EnvoyGatewayLabelsInControllerNamespace_ServiceAndPods()
    {
        var labels = EnvoyGatewayLabels("dev", "eg");
        var gw = Gateway("dev", "eg", "eg");
        var snap = Snapshot(gw, Service("envoy-gateway-system", "envoy-dev-eg-1", labels, policy: "Cluster"), Pod("envoy-gateway-system", "envoy-1", labels),
            // Same labels for another Gateway of the same name in another namespace: not this one.
            Service("envoy-gateway-system", "envoy-prod-eg-1", EnvoyGatewayLabels("prod", "eg")));
        var dp = GatewayDataPlaneResolver.Resolve(snap, gw, GatewayImplementation.EnvoyGateway);
        Assert.Equal(DataPlaneMatch.OwningGatewayLabels, dp.Match);
        Assert.Equal("envoy-dev-eg-1", Assert.Single(dp.Services).Name);
        Assert.Equal("envoy-1", Assert.Single(dp.Pods).Name);
        Assert.Equal(ServiceTrafficPolicy.Cluster, dp.TrafficPolicy);
    }

    [Fact]
    public void Resolve_GatewayNameLabelOnlyInGatewayNamespace()
    {
        var labels = GatewayNameLabels("gw");
        var gw = Gateway("web", "gw", "istio");
        var snap = Snapshot(gw, Service("other", "gw-istio", labels), Service("web", "gw-istio", labels, type: "NodePort", policy: "Local"), Pod("web", "gw-istio-1", labels));
        var dp = GatewayDataPlaneResolver.Resolve(snap, gw, GatewayImplementation.Istio);
        Assert.Equal(DataPlaneMatch.GatewayNameLabel, dp.Match);
        Assert.Equal(new ObjectKey("web", "gw-istio"), Assert.Single(dp.Services).Key);
        Assert.Equal(ServiceTrafficPolicy.Local, dp.TrafficPolicy);
    }

    [Fact]
    public void Resolve_NoLabels_StatusAddressMatchesLoadBalancerIngress()
    {
        var gw = Gateway("web", "gw", "x") with { StatusAddresses = [new GatewayAddressInfo("IPAddress", "198.51.100.9")] };
        var snap = Snapshot(gw, Service("infra", "edge", LabelMap.Of(("app", "edge")), lbIp: "198.51.100.9"), Pod("infra", "edge-1", LabelMap.Of(("app", "edge"))));
        var dp = GatewayDataPlaneResolver.Resolve(snap, gw, GatewayImplementation.Unknown);
        Assert.Equal(DataPlaneMatch.StatusAddress, dp.Match);
        Assert.Equal("edge", Assert.Single(dp.Services).Name);
        Assert.Equal("edge-1", Assert.Single(dp.Pods).Name);
        Assert.Contains("198.51.100.9", Assert.Single(dp.Evidence));
    }

    [Fact]
    public void Resolve_NothingMatches_NotFoundSaysWhy()
    {
        var gw = Gateway("web", "gw", "x");
        var dp = GatewayDataPlaneResolver.Resolve(Snapshot(gw), gw, GatewayImplementation.EnvoyGateway);
        Assert.Equal(DataPlaneMatch.NotFound, dp.Match);
        Assert.Null(dp.TrafficPolicy);
        Assert.Contains("no status.addresses", Assert.Single(dp.Evidence));
    }

    [Theory]
    [InlineData("ClusterIP", null, ServiceTrafficPolicy.NotExternal)]
    [InlineData("LoadBalancer", null, ServiceTrafficPolicy.Cluster)]
    [InlineData("NodePort", "Cluster", ServiceTrafficPolicy.Cluster)]
    [InlineData("LoadBalancer", "Local", ServiceTrafficPolicy.Local)]
    public void TrafficPolicy_TypeAndField_Effective(string type, string? policy, ServiceTrafficPolicy expected) =>
        Assert.Equal(expected, ServiceTrafficPolicies.Of(Service("a", "b", LabelMap.Empty, type, policy)));
}
