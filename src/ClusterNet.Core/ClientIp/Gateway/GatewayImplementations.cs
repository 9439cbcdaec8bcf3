namespace ClusterNet.Core.ClientIp.Gateway;

/// <summary>Implementation from a GatewayClass controllerName, and how each is named in output.</summary>
public static class GatewayImplementations
{
    public const string EnvoyGatewayController = "gateway.envoyproxy.io/gatewayclass-controller";
    public const string IstioController = "istio.io/gateway-controller";
    public const string CiliumController = "io.cilium/gateway-controller";
    public const string NginxGatewayFabricController = "gateway.nginx.org/nginx-gateway-controller";
    public const string TraefikController = "traefik.io/gateway-controller";
    public const string KgatewayController = "kgateway.dev/kgateway";

    /// <summary>
    /// Matched on the controller's domain, since several implementations let the installer change the path part
    /// (Envoy Gateway's and NGINX Gateway Fabric's Helm charts both expose it).
    /// </summary>
    public static GatewayImplementation FromControllerName(string? controllerName)
    {
        var name = controllerName ?? "";
        var domain = name.Contains('/') ? name[..name.IndexOf('/')] : name;
        return domain switch
        {
            "gateway.envoyproxy.io" => GatewayImplementation.EnvoyGateway,
            "istio.io" => GatewayImplementation.Istio,
            "io.cilium" => GatewayImplementation.Cilium,
            "gateway.nginx.org" => GatewayImplementation.NginxGatewayFabric,
            "traefik.io" => GatewayImplementation.Traefik,
            "kgateway.dev" => GatewayImplementation.Kgateway,
            _ => GatewayImplementation.Unknown,
        };
    }

    public static string DisplayName(GatewayImplementation implementation) => implementation switch
    {
        GatewayImplementation.EnvoyGateway => "Envoy Gateway",
        GatewayImplementation.Istio => "Istio",
        GatewayImplementation.Cilium => "Cilium",
        GatewayImplementation.NginxGatewayFabric => "NGINX Gateway Fabric",
        GatewayImplementation.Traefik => "Traefik",
        GatewayImplementation.Kgateway => "kgateway",
        _ => "unknown implementation",
    };

    /// <summary>Implementations whose data plane is Envoy, so Envoy's trusted-client-address rules apply.</summary>
    public static bool IsEnvoyBased(GatewayImplementation implementation) =>
        implementation is GatewayImplementation.EnvoyGateway or GatewayImplementation.Istio or GatewayImplementation.Cilium or GatewayImplementation.Kgateway;
}
