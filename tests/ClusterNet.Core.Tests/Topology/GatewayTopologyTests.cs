using ClusterNet.Core.ClientIp;
using ClusterNet.Core.ClientIp.Gateway;
using ClusterNet.Core.Model;
using ClusterNet.Core.Queries;
using ClusterNet.Core.Topology;
using static ClusterNet.Core.Tests.Topology.TopologyFixtures;

namespace ClusterNet.Core.Tests.Topology;

/// <summary>
/// Gateways on the topology (a VIP element with edges to its data-plane Service and its routes' backend Services) and
/// the packet walk from=external through a Gateway: the demo nodes plus Envoy Gateway prod/eg (its Envoy pod on node02)
/// routing HTTP on port 80 to Service prod/db.
/// </summary>
public sealed class GatewayTopologyTests
{
    private static List<IClusterObject> Objects(string policy)
    {
        var labels = LabelMap.Of((GatewayDataPlaneResolver.OwningGatewayNameLabel, "eg"), (GatewayDataPlaneResolver.OwningGatewayNamespaceLabel, "prod"));
        return
        [
            .. DemoObjects(),
            new GatewayClassInfo { Name = "eg", ControllerName = GatewayImplementations.EnvoyGatewayController },
            new GatewayInfo
            {
                Namespace = "prod", Name = "eg", GatewayClassName = "eg",
                Listeners = [new GatewayListenerInfo { Name = "http", Port = 80, Protocol = "HTTP" }],
                StatusAddresses = [new GatewayAddressInfo("IPAddress", "203.0.113.20")],
            },
            new GatewayRouteInfo
            {
                Kind = GatewayRouteKind.HttpRoute, Namespace = "prod", Name = "db",
                ParentRefs = [new RouteParentRefInfo("gateway.networking.k8s.io", "Gateway", null, "eg", "http")],
                Rules = [new RouteRuleInfo { BackendRefs = [new RouteBackendRefInfo("", "Service", null, "db", 80)] }],
            },
            Pod("envoy-gateway-system", "envoy-prod-eg-1", "node02", "10.244.2.9") with { Labels = labels },
            new ServiceInfo
            {
                Namespace = "envoy-gateway-system", Name = "envoy-prod-eg", Type = "LoadBalancer", ExternalTrafficPolicy = policy,
                ClusterIps = ["10.96.0.200"], Labels = labels, Selector = labels,
                Ports = [new ServicePortInfo("http", 80, "TCP", "10080", NodePort: 31000)],
                LoadBalancerIngress = [new LoadBalancerIngressInfo("203.0.113.20", null)],
            },
            new EndpointSetInfo
            {
                Namespace = "envoy-gateway-system", Name = "envoy-prod-eg-x1", ServiceName = "envoy-prod-eg",
                Addresses = [new EndpointAddressInfo("10.244.2.9", "node02", true, "Pod", "envoy-gateway-system", "envoy-prod-eg-1")],
                Ports = [new EndpointPortInfo("http", 10080)],
            },
        ];
    }

    private static TopologyGraph Graph(string policy = "Local") => TopologyBuilder.Build(Snapshot(Objects(policy)));

    private static PacketWalkResult Walk(string policy, string to = "gw/prod/eg", int port = 80)
    {
        var parsed = PacketWalkQueryParser.Parse(QueryInput.Parameters([new("from", "external"), new("to", to), new("port", port.ToString(System.Globalization.CultureInfo.InvariantCulture))]));
        Assert.True(parsed.Ok);
        return PacketWalker.Walk(Graph(policy), parsed.Query!);
    }

    [Fact]
    public void Build_Gateway_VipElementWithEdgesToDataPlaneAndBackend()
    {
        var graph = Graph();
        var gw = Assert.Single(graph.Elements, e => e.Kind == ElementKind.Gateway);
        Assert.Equal("gw/prod/eg", gw.Id);
        Assert.Equal("eg 203.0.113.20", gw.Label);
        Assert.Equal("prod", gw.Namespace);
        Assert.Contains("Envoy Gateway", gw.Data["implementation"], StringComparison.Ordinal);
        var route = Assert.Single(graph.Edges, e => e.Kind == EdgeKind.GatewayRoute);
        Assert.Equal(("gw/prod/eg", "svc/prod/db", "http: HTTPRoute db"), (route.Source, route.Target, route.Label));
        var dataPlane = Assert.Single(graph.Edges, e => e.Kind == EdgeKind.GatewayDataPlane);
        Assert.Equal("svc/envoy-gateway-system/envoy-prod-eg", dataPlane.Target);
    }

    [Fact]
    public void Build_NoGateways_NoGatewayElements() =>
        Assert.DoesNotContain(Demo().Elements, e => e.Kind == ElementKind.Gateway);

    [Fact]
    public void Walk_ExternalLocal_ClientKeptToGatewayPodThenPodToPod()
    {
        var walk = Walk("Local");
        Assert.Null(walk.Error);
        Assert.Equal("gw/prod/eg", walk.Hops[0].ElementId);
        var dnat = walk.Hops[1];
        Assert.Equal(("dnat", "node02"), (dnat.Action, dnat.Node));
        Assert.Equal(ExternalEntryBuilder.ExampleClient, dnat.Headers[0]["src"]);
        Assert.Equal("10.244.2.9", dnat.Headers[0]["dst"]);
        Assert.Equal("10080", dnat.Headers[1]["dst port"]);
        Assert.DoesNotContain(walk.Hops, h => h.Action == "forward");
        var terminate = Assert.Single(walk.Hops, h => h.Action == "terminate");
        Assert.Equal("pod/envoy-gateway-system/envoy-prod-eg-1", terminate.ElementId);
        Assert.Equal("pod/prod/pod-b", walk.Hops[^1].ElementId);
        Assert.Equal(("prod/pod-b", "10.244.2.2", 8080), (walk.Endpoint, walk.DestinationIp, walk.DestinationPort));
        Assert.Equal(ExternalEntryBuilder.ExampleClient, walk.SourceIp);
        Assert.Contains("gw/prod/eg", walk.PathElementIds);
        Assert.Equal(walk.Hops.Select((_, i) => i), walk.Hops.Select(h => h.Index));
    }

    [Fact]
    public void Walk_ExternalCluster_MasqueradedAndForwardedToTheGatewayNode()
    {
        var walk = Walk("Cluster");
        Assert.Null(walk.Error);
        var dnat = walk.Hops[1];
        Assert.Equal("dnat+snat", dnat.Action);
        Assert.NotEqual("node02", dnat.Node);
        Assert.StartsWith("172.16.100.", dnat.Headers[0]["src"], StringComparison.Ordinal);
        Assert.Equal("node02", Assert.Single(walk.Hops, h => h.Action == "forward").Node);
    }

    [Theory]
    [InlineData("prod/pod-b", 80, "to=gw/namespace/name")]
    [InlineData("gw/prod/nope", 80, "Gateway prod/nope not found")]
    [InlineData("gw/prod/eg", 81, "no listener on port 81 (listeners: http 80)")]
    public void Walk_External_BadTargets_SayWhy(string to, int port, string message)
    {
        var walk = Walk("Local", to, port);
        Assert.Contains(message, walk.Error, StringComparison.Ordinal);
        Assert.Empty(walk.Hops);
    }
}
