namespace ClusterNet.Core.Model;

/// <summary>Names of <see cref="GatewayRouteKind"/> as Kubernetes spells them (kind and plural resource).</summary>
public static class GatewayRouteKinds
{
    public static string KindName(GatewayRouteKind kind) => kind switch
    {
        GatewayRouteKind.HttpRoute => "HTTPRoute",
        GatewayRouteKind.GrpcRoute => "GRPCRoute",
        GatewayRouteKind.TlsRoute => "TLSRoute",
        GatewayRouteKind.TcpRoute => "TCPRoute",
        GatewayRouteKind.UdpRoute => "UDPRoute",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string ResourceKindOf(GatewayRouteKind kind) => kind switch
    {
        GatewayRouteKind.HttpRoute => ResourceKind.HttpRoutes,
        GatewayRouteKind.GrpcRoute => ResourceKind.GrpcRoutes,
        GatewayRouteKind.TlsRoute => ResourceKind.TlsRoutes,
        GatewayRouteKind.TcpRoute => ResourceKind.TcpRoutes,
        GatewayRouteKind.UdpRoute => ResourceKind.UdpRoutes,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static GatewayRouteKind? Parse(string kindName) => kindName switch
    {
        "HTTPRoute" => GatewayRouteKind.HttpRoute,
        "GRPCRoute" => GatewayRouteKind.GrpcRoute,
        "TLSRoute" => GatewayRouteKind.TlsRoute,
        "TCPRoute" => GatewayRouteKind.TcpRoute,
        "UDPRoute" => GatewayRouteKind.UdpRoute,
        _ => null,
    };
}
