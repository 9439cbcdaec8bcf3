using System.Globalization;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.ClientIp.Gateway;

/// <summary>
/// YAML patches per implementation, each against the object that implementation reads the setting from: Envoy
/// Gateway's EnvoyProxy and ClientTrafficPolicy, Istio's proxy.istio.io/config annotation and parametersRef
/// ConfigMap, NGINX Gateway Fabric's NginxProxy, Traefik's entry point arguments, Cilium's Helm values; the Service
/// itself where nothing else owns the setting. Field paths follow each project's documentation (ClusterNet cannot
/// apply them, so a trade-off says where a value is documentation rather than something read).
/// </summary>
internal static class GatewayClientIpFixes
{
    public const string EtpLocalFixId = "gateway-etp-local";
    public const string TrustedHopsFixId = "gateway-trusted-hops";
    public const string TrustFixId = "gateway-trust-list";

    private const string LocalTradeOff = "With externalTrafficPolicy Local only nodes running a gateway pod take traffic (the load balancer health-checks healthCheckNodePort): spread the gateway pods over the nodes, or traffic concentrates.";

    /// <summary>Make the gateway's Service keep the client address: externalTrafficPolicy Local where the implementation sets it.</summary>
    public static ClientIpFix EtpLocal(ClusterSnapshot snapshot, GatewayResolution r, ServiceInfo service, string resolves)
    {
        var gw = r.Gateway;
        switch (r.Implementation)
        {
            case GatewayImplementation.EnvoyGateway:
            {
                var proxy = EnvoyProxyOf(snapshot, r);
                var (ns, name) = proxy is null ? (gw.Namespace, $"{gw.Name}-proxy") : (proxy.Namespace, proxy.Name);
                var patch = $"""
                    apiVersion: gateway.envoyproxy.io/v1alpha1
                    kind: EnvoyProxy
                    metadata:
                      name: {name}
                      namespace: {ns}
                    spec:
                      provider:
                        type: Kubernetes
                        kubernetes:
                          envoyService:
                            externalTrafficPolicy: Local

                    """;
                if (proxy is null)
                {
                    patch += $"---\n# and let Gateway {gw.Namespace}/{gw.Name} use it\n" + ParametersRef(gw, "gateway.envoyproxy.io", "EnvoyProxy", name);
                }

                return new ClientIpFix
                {
                    Id = EtpLocalFixId,
                    Title = "Envoy Gateway: externalTrafficPolicy Local on the Envoy Service (EnvoyProxy envoyService)",
                    Target = proxy is null ? $"new EnvoyProxy {ns}/{name} + Gateway {gw.Namespace}/{gw.Name}" : $"EnvoyProxy {ns}/{name}",
                    Patch = patch,
                    Command = proxy is null ? null : $"kubectl -n {ns} patch envoyproxy {name} --type merge -p '{{\"spec\":{{\"provider\":{{\"kubernetes\":{{\"envoyService\":{{\"externalTrafficPolicy\":\"Local\"}}}}}}}}}}'",
                    TradeOffs = [LocalTradeOff, "Envoy Gateway owns the Envoy Service: patching the Service directly is reverted at its next reconcile."],
                    Resolves = [resolves],
                };
            }

            case GatewayImplementation.NginxGatewayFabric:
            {
                var proxy = NginxProxyOf(snapshot, r);
                var (ns, name) = proxy is null ? (gw.Namespace, $"{gw.Name}-proxy") : (proxy.Namespace, proxy.Name);
                var patch = NginxProxyHead(ns, name) + "  kubernetes:\n    service:\n      externalTrafficPolicy: Local\n";
                if (proxy is null)
                {
                    patch += "---\n" + ParametersRef(gw, "gateway.nginx.org", "NginxProxy", name);
                }

                return new ClientIpFix
                {
                    Id = EtpLocalFixId,
                    Title = "NGINX Gateway Fabric: externalTrafficPolicy Local on the nginx Service (NginxProxy kubernetes.service)",
                    Target = proxy is null ? $"new NginxProxy {ns}/{name} + Gateway {gw.Namespace}/{gw.Name}" : $"NginxProxy {(ns.Length == 0 ? name : $"{ns}/{name}")}",
                    Patch = patch,
                    TradeOffs = [LocalTradeOff, "NGINX Gateway Fabric owns the nginx Service: patching the Service directly is reverted."],
                    Resolves = [resolves],
                };
            }

            case GatewayImplementation.Istio:
                return new ClientIpFix
                {
                    Id = EtpLocalFixId,
                    Title = "Istio: externalTrafficPolicy Local through the Gateway's parametersRef ConfigMap",
                    Target = $"ConfigMap {gw.Namespace}/{gw.Name}-options + Gateway {gw.Namespace}/{gw.Name}",
                    Patch = $"""
                        apiVersion: v1
                        kind: ConfigMap
                        metadata:
                          name: {gw.Name}-options
                          namespace: {gw.Namespace}
                        data:
                          service: |
                            spec:
                              externalTrafficPolicy: Local
                        ---

                        """ + ParametersRef(gw, "\"\"", "ConfigMap", $"{gw.Name}-options"),
                    TradeOffs = [LocalTradeOff, "From Istio's documentation (automated deployment customisation, Istio 1.24 and later); older Istio versions overwrite a direct Service patch."],
                    Resolves = [resolves],
                };

            case GatewayImplementation.Cilium:
                return new ClientIpFix
                {
                    Id = EtpLocalFixId,
                    Title = "Cilium: externalTrafficPolicy Local for Gateway Services (Helm value gatewayAPI.externalTrafficPolicy)",
                    Target = "Cilium Helm values",
                    Patch = "gatewayAPI:\n  externalTrafficPolicy: Local\n",
                    Command = "helm upgrade cilium cilium/cilium -n kube-system --reuse-values --set gatewayAPI.externalTrafficPolicy=Local",
                    TradeOffs = [LocalTradeOff, "From Cilium's Helm chart documentation, not read from the cluster; it applies to every Cilium Gateway. The operator owns the Service, so patching it directly is reverted."],
                    Resolves = [resolves],
                };

            default:
                var implementation = r.Implementation == GatewayImplementation.Unknown ? "the gateway's controller" : GatewayImplementations.DisplayName(r.Implementation);
                return new ClientIpFix
                {
                    Id = EtpLocalFixId,
                    Title = "externalTrafficPolicy Local on the gateway's Service",
                    Target = $"Service {service.Namespace}/{service.Name}",
                    Patch = $"""
                        apiVersion: v1
                        kind: Service
                        metadata:
                          name: {service.Name}
                          namespace: {service.Namespace}
                        spec:
                          externalTrafficPolicy: Local

                        """,
                    Command = $"kubectl -n {service.Namespace} patch service {service.Name} -p '{{\"spec\":{{\"externalTrafficPolicy\":\"Local\"}}}}'",
                    TradeOffs = [LocalTradeOff, $"If {implementation} manages this Service, set the policy where it takes Service settings (Helm values, its parameters object), or it reverts the patch."],
                    Resolves = [resolves],
                };
        }
    }

    /// <summary>Trust exactly the proxies really in front of the gateway: <paramref name="realHops"/> X-Forwarded-For hops.</summary>
    public static ClientIpFix? TrustedHops(ClusterSnapshot snapshot, GatewayResolution r, int realHops, string resolves)
    {
        var gw = r.Gateway;
        var n = realHops.ToString(CultureInfo.InvariantCulture);
        switch (r.Implementation)
        {
            case GatewayImplementation.EnvoyGateway:
                var ctp = snapshot.ClientTrafficPolicies.Where(p => p.Namespace == gw.Namespace && p.ClientIpDetection is not null
                    && p.TargetRefs.Any(t => t.Kind == "Gateway" && t.Name == gw.Name)).OrderBy(p => p.Name, StringComparer.Ordinal).FirstOrDefault();
                var name = ctp?.Name ?? "client-ip";
                return new ClientIpFix
                {
                    Id = TrustedHopsFixId,
                    Title = realHops == 0
                        ? "Envoy Gateway: stop trusting X-Forwarded-For (no proxy in front of the gateway appends to it)"
                        : $"Envoy Gateway: trust exactly {n} X-Forwarded-For hop(s), the load balancer's",
                    Target = $"ClientTrafficPolicy {gw.Namespace}/{name}",
                    Patch = $"apiVersion: gateway.envoyproxy.io/v1alpha1\nkind: ClientTrafficPolicy\nmetadata:\n  name: {name}\n  namespace: {gw.Namespace}\nspec:\n"
                        + (realHops == 0 ? "  clientIPDetection: null\n" : $"  clientIPDetection:\n    xForwardedFor:\n      numTrustedHops: {n}\n"),
                    Command = realHops == 0 ? $"kubectl -n {gw.Namespace} patch clienttrafficpolicy {name} --type merge -p '{{\"spec\":{{\"clientIPDetection\":null}}}}'" : null,
                    TradeOffs = ["Put a proxy in front later (a CDN, an L7 load balancer) and the hop count has to grow with it, or the gateway logs that proxy as the client."],
                    Resolves = [resolves],
                };
            case GatewayImplementation.Istio:
                return new ClientIpFix
                {
                    Id = TrustedHopsFixId,
                    Title = $"Istio: numTrustedProxies {n} on the Gateway (proxy.istio.io/config)",
                    Target = $"Gateway {gw.Namespace}/{gw.Name}",
                    Patch = $"apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: {gw.Name}\n  namespace: {gw.Namespace}\n  annotations:\n    proxy.istio.io/config: '{{\"gatewayTopology\":{{\"numTrustedProxies\":{n}}}}}'\n",
                    Command = $"kubectl -n {gw.Namespace} annotate gateway {gw.Name} --overwrite 'proxy.istio.io/config={{\"gatewayTopology\":{{\"numTrustedProxies\":{n}}}}}'",
                    TradeOffs = ["Istio reads the annotation when it creates the gateway pods: restart them (kubectl rollout restart) for it to take effect."],
                    Resolves = [resolves],
                };
            case GatewayImplementation.Cilium:
                return new ClientIpFix
                {
                    Id = TrustedHopsFixId,
                    Title = $"Cilium: {n} trusted X-Forwarded-For hop(s) for Gateway listeners (Helm value gatewayAPI.xffNumTrustedHops)",
                    Target = "Cilium Helm values",
                    Patch = $"gatewayAPI:\n  xffNumTrustedHops: {n}\n",
                    TradeOffs = ["From Cilium's Helm chart documentation, not read from the cluster; it applies to every Cilium Gateway."],
                    Resolves = [resolves],
                };
            default:
                return null;
        }
    }

    /// <summary>Believe X-Forwarded-For only from the proxy really in front (<paramref name="trusted"/>), or not at all.</summary>
    public static ClientIpFix? TrustList(ClusterSnapshot snapshot, GatewayResolution r, GatewayListenerResolution listener, string? trusted, string resolves)
    {
        var gw = r.Gateway;
        var list = trusted ?? "<address range of the proxy in front of the gateway>";
        switch (r.Implementation)
        {
            case GatewayImplementation.EnvoyGateway:
                var fromEnvoy = TrustedHops(snapshot, r, trusted is null ? 0 : 1, resolves)!;
                return trusted is null ? fromEnvoy with { Id = TrustFixId } : fromEnvoy with
                {
                    Id = TrustFixId,
                    Title = "Envoy Gateway: trust X-Forwarded-For only from the load balancer (trustedCIDRs)",
                    Patch = fromEnvoy.Patch.Replace("numTrustedHops: 1", $"trustedCIDRs:\n      - {list}", StringComparison.Ordinal),
                };
            case GatewayImplementation.NginxGatewayFabric:
                var proxy = NginxProxyOf(snapshot, r);
                var name = proxy?.Name ?? $"{gw.Name}-proxy";
                var ns = proxy?.Namespace ?? gw.Namespace;
                return new ClientIpFix
                {
                    Id = TrustFixId,
                    Title = trusted is null ? "NGINX Gateway Fabric: stop rewriting the client address from X-Forwarded-For" : "NGINX Gateway Fabric: trust X-Forwarded-For only from the load balancer",
                    Target = $"NginxProxy {(ns.Length == 0 ? name : $"{ns}/{name}")}",
                    Patch = NginxProxyHead(ns, name) + (trusted is null
                        ? "  rewriteClientIP: null\n"
                        : $"  rewriteClientIP:\n    mode: XForwardedFor\n    setIPRecursively: true\n    trustedAddresses:\n    - type: CIDR\n      value: {list}\n"),
                    TradeOffs = ["trustedAddresses must hold only addresses clients cannot send from: never 0.0.0.0/0 or the node network when the load balancer passes client addresses through."],
                    Resolves = [resolves],
                };
            case GatewayImplementation.Traefik:
                var pod = r.DataPlane.Pods.FirstOrDefault();
                return new ClientIpFix
                {
                    Id = TrustFixId,
                    Title = trusted is null ? "Traefik: drop forwardedHeaders.insecure / trustedIPs (nothing in front appends X-Forwarded-For)" : "Traefik: trust X-Forwarded-For only from the load balancer",
                    Target = pod is null ? "Traefik's entry point arguments" : $"the workload of pod {pod.Namespace}/{pod.Name} (container args)",
                    Patch = trusted is null
                        ? $"# remove from the Traefik container's args:\n#   --entryPoints.{listener.Listener.Name}.forwardedHeaders.insecure\n#   --entryPoints.{listener.Listener.Name}.forwardedHeaders.trustedIPs=...\n"
                        : $"# Traefik container args (the entry point serving listener {listener.Listener.Name}):\n- --entryPoints.{listener.Listener.Name}.forwardedHeaders.trustedIPs={list}\n",
                    TradeOffs = ["Traefik's entry point names come from its static configuration, which ClusterNet reads only from pod arguments: check the name."],
                    Resolves = [resolves],
                };
            default:
                return TrustedHops(snapshot, r, trusted is null ? 0 : 1, resolves) is { } f ? f with { Id = TrustFixId } : null;
        }
    }

    /// <summary>App side: believe X-Forwarded-For only from the gateway pods' networks.</summary>
    public static ClientIpFix AppTrust(ClusterSnapshot snapshot, GatewayResolution r)
    {
        var nodes = r.DataPlane.Pods.Select(p => p.NodeName).OfType<string>().Distinct().Select(n => snapshot.Nodes.Get(ObjectKey.Cluster(n))).OfType<NodeInfo>().ToList();
        if (nodes.Count == 0)
        {
            nodes = [.. snapshot.Nodes];
        }

        var cidrs = nodes.SelectMany(n => n.PodCidrs).Distinct().ToList();
        var list = cidrs.Count == 0 ? ["<pod CIDR of the gateway pods>"] : cidrs;
        var csharp = AspNetForwardedHeaders.Snippet($"believe X-Forwarded-For only from Gateway {r.Gateway.Namespace}/{r.Gateway.Name}'s proxy pods", list);
        return new ClientIpFix
        {
            Id = AspNetForwardedHeaders.FixId,
            Title = "ASP.NET Core app: read X-Forwarded-For from the gateway pods only",
            Target = $"apps behind Gateway {r.Gateway.Namespace}/{r.Gateway.Name}",
            Language = "csharp",
            Patch = csharp,
            TradeOffs =
            [
                AspNetForwardedHeaders.ClearBothListsTradeOff,
                "ForwardLimit stays 1: the rightmost entry is the one the gateway appended.",
            ],
        };
    }

    /// <summary>The Gateway's infrastructure.parametersRef to the object a patch creates: where the implementation reads its settings.</summary>
    private static string ParametersRef(GatewayInfo gw, string group, string kind, string name) => $"""
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
          name: {gw.Name}
          namespace: {gw.Namespace}
        spec:
          infrastructure:
            parametersRef:
              group: {group}
              kind: {kind}
              name: {name}

        """;

    /// <summary>An NginxProxy's head up to <c>spec:</c> (cluster-scoped in older NGINX Gateway Fabric: no namespace then).</summary>
    private static string NginxProxyHead(string ns, string name) =>
        $"apiVersion: gateway.nginx.org/v1alpha2\nkind: NginxProxy\nmetadata:\n  name: {name}\n{(ns.Length == 0 ? "" : $"  namespace: {ns}\n")}spec:\n";

    private static EnvoyProxyInfo? EnvoyProxyOf(ClusterSnapshot snapshot, GatewayResolution r) =>
        Lookup(snapshot.EnvoyProxies, r.Gateway.InfrastructureParametersRef, "EnvoyProxy", r.Gateway.Namespace)
        ?? Lookup(snapshot.EnvoyProxies, r.GatewayClass?.ParametersRef, "EnvoyProxy", "");

    private static NginxProxyInfo? NginxProxyOf(ClusterSnapshot snapshot, GatewayResolution r) =>
        Lookup(snapshot.NginxProxies, r.Gateway.InfrastructureParametersRef, "NginxProxy", r.Gateway.Namespace)
        ?? Lookup(snapshot.NginxProxies, r.GatewayClass?.ParametersRef, "NginxProxy", "");

    private static T? Lookup<T>(KindCollection<T> collection, GatewayParametersRefInfo? reference, string kind, string defaultNamespace) where T : class, IClusterObject =>
        reference is null || reference.Kind != kind ? null : collection.Get(reference.Namespace ?? defaultNamespace, reference.Name) ?? collection.Get("", reference.Name);
}
