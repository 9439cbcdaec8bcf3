namespace ClusterNet.Core.ClientIp.Gateway;

/// <summary>How a Gateway's data-plane Service was found.</summary>
public enum DataPlaneMatch
{
    /// <summary>Envoy Gateway's gateway.envoyproxy.io/owning-gateway-name and -namespace labels.</summary>
    OwningGatewayLabels,

    /// <summary>The gateway.networking.k8s.io/gateway-name label (Istio, NGINX Gateway Fabric and others), in the Gateway's namespace.</summary>
    GatewayNameLabel,

    /// <summary>Cilium's io.cilium.gateway/owning-gateway label, in the Gateway's namespace.</summary>
    CiliumOwningGatewayLabel,

    /// <summary>Gateway status.addresses equal to a Service's load-balancer ingress, external IP or cluster IP.</summary>
    StatusAddress,

    NotFound,
}
