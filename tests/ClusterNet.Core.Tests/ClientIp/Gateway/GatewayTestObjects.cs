using System.Collections.Immutable;
using ClusterNet.Core.ClientIp.Gateway;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Tests.ClientIp.Gateways;

/// <summary>Small builders for Gateway API objects and a gateway data plane (Service + pod with the implementation's labels).</summary>
internal static class GatewayTestObjects
{
    public static GatewayClassInfo Class(string name, string controller, GatewayParametersRefInfo? parameters = null) =>
        new() { Name = name, ControllerName = controller, ParametersRef = parameters };

    public static GatewayInfo Gateway(string ns, string name, string className, params GatewayListenerInfo[] listeners) => new()
    {
        Namespace = ns,
        Name = name,
        GatewayClassName = className,
        Listeners = listeners.Length == 0 ? [Listener("http", 80, "HTTP")] : [.. listeners],
    };

    public static GatewayListenerInfo Listener(string name, int port, string protocol, string? from = null) =>
        new() { Name = name, Port = port, Protocol = protocol, AllowedRoutesFrom = from };

    public static GatewayRouteInfo HttpRoute(string ns, string name, RouteParentRefInfo parent, params RouteBackendRefInfo[] backends) => new()
    {
        Kind = GatewayRouteKind.HttpRoute,
        Namespace = ns,
        Name = name,
        ParentRefs = [parent],
        Rules = [new RouteRuleInfo { BackendRefs = [.. backends] }],
    };

    public static RouteParentRefInfo Parent(string gateway, string? ns = null, string? section = null) =>
        new("gateway.networking.k8s.io", "Gateway", ns, gateway, section);

    public static RouteBackendRefInfo Backend(string name, int port = 80, string? ns = null) => new("", "Service", ns, name, port);

    public static ServiceInfo Service(string ns, string name, ImmutableDictionary<string, string> labels, string type = "LoadBalancer", string? policy = null, string? lbIp = null) => new()
    {
        Namespace = ns,
        Name = name,
        Type = type,
        Labels = labels,
        Selector = labels,
        ClusterIps = ["10.96.7.7"],
        ExternalTrafficPolicy = policy,
        LoadBalancerIngress = lbIp is null ? [] : [new LoadBalancerIngressInfo(lbIp, null)],
    };

    public static PodInfo Pod(string ns, string name, ImmutableDictionary<string, string> labels, string ip = "10.244.2.5", params string[] command) => new()
    {
        Namespace = ns,
        Name = name,
        Labels = labels,
        PodIps = [ip],
        Phase = "Running",
        Ready = true,
        NodeName = "node-2",
        Containers = [new ContainerInfo { Name = "proxy", Command = [.. command] }],
    };

    public static ImmutableDictionary<string, string> EnvoyGatewayLabels(string gatewayNs, string gateway) => LabelMap.Of(
        (GatewayDataPlaneResolver.OwningGatewayNameLabel, gateway), (GatewayDataPlaneResolver.OwningGatewayNamespaceLabel, gatewayNs));

    public static ImmutableDictionary<string, string> GatewayNameLabels(string gateway) => LabelMap.Of((GatewayDataPlaneResolver.GatewayNameLabel, gateway));

    public static ClusterSnapshot Snapshot(params IClusterObject[] objects) => ClusterSnapshot.Create(new SourceInfo("demo", "test"), objects);
}
