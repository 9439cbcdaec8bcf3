using ClusterNet.Core.ClientIp;
using ClusterNet.Core.ClientIp.Gateway;
using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Demo;

namespace ClusterNet.Kubernetes.Tests.Demo;

/// <summary>
/// The demo's Envoy Gateway path, resolved from the embedded manifests: the implementation, its envoy Service and pod,
/// the ClientTrafficPolicy read from the cluster, the route's backend, and what a client's request turns into.
/// </summary>
public sealed class DemoGatewayTests
{
    private static readonly ClusterSnapshot Snap = DemoClusterSource.LoadManifest().ToSnapshot(new SourceInfo("demo", "Demo cluster"));

    [Fact]
    public void Resolve_DemoGateway_EnvoyGatewayWithItsServiceSettingsAndBackend()
    {
        var r = GatewayResolver.Resolve(Snap, Snap.Gateways.Get("dev", "eg")!);
        Assert.Equal(GatewayImplementation.EnvoyGateway, r.Implementation);
        Assert.Equal(DataPlaneMatch.OwningGatewayLabels, r.DataPlane.Match);
        Assert.Equal(new ObjectKey("envoy-gateway-system", "envoy-dev-eg-5f7b9c3d"), r.DataPlane.FrontService!.Key);
        Assert.Equal(ServiceTrafficPolicy.Cluster, r.DataPlane.TrafficPolicy);
        Assert.Equal("10.244.2.5", Assert.Single(r.DataPlane.Pods).PodIp);

        var listener = Assert.Single(r.Listeners);
        Assert.Equal(GatewayClientIpMechanism.XffTrustedHops, listener.Settings.Mechanism);
        var hops = listener.Settings.Inputs.Single(i => i.Field == "clientIPDetection.xForwardedFor.numTrustedHops");
        Assert.Equal(("1", SettingOrigin.Read, "ClientTrafficPolicy dev/client-ip"), (hops.Value, hops.Origin, hops.Source));

        var backend = Assert.Single(Assert.Single(listener.Routes).Backends);
        Assert.Equal(new ObjectKey("dev", "myapp"), backend.Service!.Key);
        Assert.True(backend.Allowed);
    }

    [Fact]
    public void Predict_DemoGateway_NodeAddressAndForgeable()
    {
        var r = GatewayResolver.Resolve(Snap, Snap.Gateways.Get("dev", "eg")!);
        var p = GatewayClientAddressPredictor.Predict(r.Listeners[0].Settings, r.DataPlane.TrafficPolicy!.Value,
            new GatewayRequestScenario("198.51.100.23", "172.16.100.102", r.DataPlane.Pods[0].PodIp!));
        Assert.Equal(ClientIpOutcome.Lost, p.Outcome);
        Assert.Equal("172.16.100.102", p.GatewayClientIp);
        Assert.True(p.Forgeable);
    }
}
