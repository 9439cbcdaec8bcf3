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
}
