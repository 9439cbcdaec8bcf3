namespace ClusterNet.Core.ClientIp;

public enum ClientIpHopKind
{
    Client,
    LoadBalancer,
    Node,
    ServiceVip,
    IngressController,
    Pod,
    External,
    /// <summary>A Gateway API data-plane proxy pod (Envoy, nginx, Traefik).</summary>
    Gateway,
}
