namespace ClusterNet.Core.Model;

/// <summary>The Gateway API route kinds ClusterNet reads; each is its own <see cref="ResourceKind"/>.</summary>
public enum GatewayRouteKind
{
    HttpRoute,
    GrpcRoute,
    TlsRoute,
    TcpRoute,
    UdpRoute,
}
