using ClusterNet.Core.ClientIp.Gateway;

namespace ClusterNet.Core.ClientIp.Migration;

/// <summary>
/// Per implementation, the settings that carry today's ingress-nginx behaviour over: accepting the load balancer's PROXY
/// protocol, and trusting the X-Forwarded-For of the proxies ingress-nginx trusts today (proxy-real-ip-cidr). Field names
/// as each project documents them; where ClusterNet does not know the setting it says so instead of inventing one.
/// </summary>
internal static class MigrationKeepSettings
{
    public static MigrationKeepSetting ProxyProtocol(GatewayImplementation impl, string gatewayNs, string gatewayName, string lbCidr) => impl switch
    {
        GatewayImplementation.EnvoyGateway => new("Accept the load balancer's PROXY protocol", $"ClientTrafficPolicy {gatewayNs}/{gatewayName}-client-ip",
            $"apiVersion: gateway.envoyproxy.io/v1alpha1\nkind: ClientTrafficPolicy\nmetadata:\n  name: {gatewayName}-client-ip\n  namespace: {gatewayNs}\nspec:\n  targetRefs:\n  - group: gateway.networking.k8s.io\n    kind: Gateway\n    name: {gatewayName}\n  proxyProtocol: {{}}\n"),
        GatewayImplementation.Istio => new("Accept the load balancer's PROXY protocol", $"Gateway {gatewayNs}/{gatewayName} (annotation)",
            $"metadata:\n  annotations:\n    proxy.istio.io/config: '{{\"gatewayTopology\": {{\"proxyProtocol\": {{}}}}}}'\n"),
        GatewayImplementation.NginxGatewayFabric => new("Accept the load balancer's PROXY protocol", "NginxProxy of the GatewayClass",
            $"spec:\n  rewriteClientIP:\n    mode: ProxyProtocol\n    trustedAddresses:\n    - type: CIDR\n      value: \"{lbCidr}\"\n"),
        GatewayImplementation.Traefik => new("Accept the load balancer's PROXY protocol", "Traefik Deployment (args)",
            $"args:\n- \"--entryPoints.web.proxyProtocol.trustedIPs={lbCidr}\"\n"),
        _ => new("Accept the load balancer's PROXY protocol", GatewayImplementations.DisplayName(impl),
            $"# ClusterNet does not know where {GatewayImplementations.DisplayName(impl)} enables PROXY protocol on a Gateway listener: see its documentation; without it every request fails.\n", "text"),
    };

    public static MigrationKeepSetting TrustProxies(GatewayImplementation impl, string gatewayNs, string gatewayName, IReadOnlyList<string> cidrs, int hops) => impl switch
    {
        GatewayImplementation.EnvoyGateway => new("Trust X-Forwarded-For from the proxies ingress-nginx trusts today", $"ClientTrafficPolicy {gatewayNs}/{gatewayName}-client-ip",
            $"apiVersion: gateway.envoyproxy.io/v1alpha1\nkind: ClientTrafficPolicy\nmetadata:\n  name: {gatewayName}-client-ip\n  namespace: {gatewayNs}\nspec:\n  targetRefs:\n  - group: gateway.networking.k8s.io\n    kind: Gateway\n    name: {gatewayName}\n  clientIPDetection:\n    xForwardedFor:\n      trustedCIDRs:\n{string.Concat(cidrs.Select(c => $"      - \"{c}\"\n"))}"),
        GatewayImplementation.Istio => new("Trust the proxies in front (by count)", $"Gateway {gatewayNs}/{gatewayName} (annotation)",
            $"metadata:\n  annotations:\n    proxy.istio.io/config: '{{\"gatewayTopology\": {{\"numTrustedProxies\": {hops}}}}}'\n"),
        GatewayImplementation.NginxGatewayFabric => new("Trust X-Forwarded-For from the proxies ingress-nginx trusts today", "NginxProxy of the GatewayClass",
            $"spec:\n  rewriteClientIP:\n    mode: XForwardedFor\n    setIPRecursively: true\n    trustedAddresses:\n{string.Concat(cidrs.Select(c => $"    - type: CIDR\n      value: \"{c}\"\n"))}"),
        GatewayImplementation.Traefik => new("Trust X-Forwarded-For from the proxies ingress-nginx trusts today", "Traefik Deployment (args)",
            $"args:\n- \"--entryPoints.web.forwardedHeaders.trustedIPs={string.Join(",", cidrs)}\"\n"),
        GatewayImplementation.Cilium => new("Trust the proxies in front (by count)", "ConfigMap kube-system/cilium-config",
            $"data:\n  proxy-xff-num-trusted-hops-ingress: \"{hops}\"\n"),
        _ => new("Trust the proxies in front (by count)", GatewayImplementations.DisplayName(impl),
            $"# set the listener's xffNumTrustedHops to {hops} ({GatewayImplementations.DisplayName(impl)} listener policy; ClusterNet does not read or write it)\n", "text"),
    };
}
