namespace ClusterNet.Core.ClientIp.Gateway;

/// <summary>The Gateway API implementations ClusterNet knows, named by GatewayClass spec.controllerName.</summary>
public enum GatewayImplementation
{
    Unknown,
    EnvoyGateway,
    Istio,
    Cilium,
    NginxGatewayFabric,
    Traefik,
    Kgateway,
}
