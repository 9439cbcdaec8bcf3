namespace ClusterNet.Core.ClientIp.Gateway;

/// <summary>
/// One request from outside through an L4 load balancer (source address kept) to a node, the gateway's Service and a
/// gateway pod. ClientXff: what the client itself sent (a forged value, or null). LoadBalancerSendsProxyProtocol: the
/// load balancer prepends a PROXY protocol header with the client's address.
/// </summary>
public sealed record GatewayRequestScenario(
    string ClientIp,
    string NodeIp,
    string GatewayPodIp,
    string? ClientXff = null,
    bool LoadBalancerSendsProxyProtocol = false);
