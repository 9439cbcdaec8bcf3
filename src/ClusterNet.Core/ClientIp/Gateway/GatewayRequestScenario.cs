namespace ClusterNet.Core.ClientIp.Gateway;

/// <summary>
/// One request from outside through an L4 load balancer (source address kept) to a node, the gateway's Service and a
/// gateway pod. ClientXff: what the client itself sent (a forged value, or null). LoadBalancerSendsProxyProtocol: the
/// load balancer prepends a PROXY protocol header with the client's address. LoadBalancerIp: a proxying load balancer
/// (L4 proxy or L7) connects from this address instead of passing the client's on; LoadBalancerAppendsXff: an L7 load
/// balancer appends the client to X-Forwarded-For before the gateway sees the request.
/// </summary>
public sealed record GatewayRequestScenario(
    string ClientIp,
    string NodeIp,
    string GatewayPodIp,
    string? ClientXff = null,
    bool LoadBalancerSendsProxyProtocol = false,
    string? LoadBalancerIp = null,
    bool LoadBalancerAppendsXff = false);
