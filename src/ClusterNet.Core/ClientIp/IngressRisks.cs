using ClusterNet.Core.Findings;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.ClientIp;

/// <summary>
/// Risks of an ingress-nginx controller's settings against what reaches it, each with the fix that addresses it:
/// PROXY protocol on one side only, a realip module that trusts every sender (forgeable X-Forwarded-For), a layer-7
/// load balancer whose X-Forwarded-For is thrown away, trusted ranges that miss the nodes, a proxying load balancer
/// without PROXY protocol, hostNetwork controllers, unreadable ConfigMap values.
/// </summary>
public static class IngressRisks
{
    internal static IEnumerable<(ClientIpRisk Risk, ClientIpFix? Fix)> ForController(ClusterSnapshot snapshot, IngressControllerInfo controller, ExternalEntry entry)
    {
        var s = controller.Settings ?? IngressNginxSettings.Defaults("defaults");
        var view = IngressNginxViewBuilder.Build(snapshot, entry, s);
        var cm = ObjectKey.Parse(controller.ConfigMapKey ?? $"{controller.Workload?.Namespace ?? "ingress-nginx"}/ingress-nginx-controller");
        var cmEvidence = $"{s.Source}: {(s.ExplicitKeys.IsDefaultOrEmpty ? "no client-IP keys set (defaults)" : string.Join(", ", s.ExplicitKeys))}";
        var lb = entry.LoadBalancer;
        var svc = controller.Service;

        if (view.RemoteAddrIs == RemoteAddrIs.Broken)
        {
            var wantProxyProtocol = entry.ProxyProtocol;
            var (yaml, cmd) = ClientIpPatches.ConfigMap(cm.Namespace, cm.Name, [("use-proxy-protocol", wantProxyProtocol ? "true" : "false")]);
            yield return (new ClientIpRisk("proxy-protocol-mismatch", Severity.Error, "PROXY protocol on one side only",
                    view.BrokenReason!,
                    [cmEvidence, lb is null ? "no load balancer in front" : $"{lb.Product}: PROXY protocol {(lb.ProxyProtocol ? "on" : "off")} ({string.Join("; ", lb.Evidence)})"]),
                new ClientIpFix
                {
                    Id = "proxy-protocol-match",
                    Title = wantProxyProtocol ? "Make ingress-nginx expect PROXY protocol" : "Stop expecting PROXY protocol in ingress-nginx",
                    Target = $"ConfigMap {cm}",
                    Patch = yaml,
                    Command = cmd,
                    TradeOffs = wantProxyProtocol
                        ? ["Anything that connects to the controller without going through the load balancer (in-cluster clients, probes on the ports) must send a PROXY preamble too."]
                        : ["If the load balancer proxies TCP, the controller then sees its address instead of the client's: turn PROXY protocol on at both ends instead when possible."],
                    Resolves = ["proxy-protocol-mismatch"],
                });
        }

        if (view.Spoofable)
        {
            var suggestion = lb?.OwnAddresses is { } own && view.RemoteAddrIs == RemoteAddrIs.Client && entry.AddsXForwardedFor ? $"<CIDR of {own}>" : "<CIDR of the proxies in front of the controller>";
            var (yaml, cmd) = ClientIpPatches.ConfigMap(cm.Namespace, cm.Name, [("proxy-real-ip-cidr", suggestion)]);
            yield return (new ClientIpRisk("forgeable-x-forwarded-for", Severity.Error, "Clients can choose their own address (X-Forwarded-For trusted from anyone)",
                    entry.AddsXForwardedFor
                        ? "realip trusts every sender (proxy-real-ip-cidr 0.0.0.0/0) and walks X-Forwarded-For recursively, so it does not stop at the load balancer's entry: the leftmost entry, written by the client, becomes $remote_addr, X-Real-IP and X-Forwarded-For for every app."
                        : $"realip is on but nothing in front adds {s.ForwardedForHeader}; any client that sends one picks the address the controller and every app behind it log and trust.",
                    [cmEvidence, .. (view.SpoofDemonstration is null ? Array.Empty<string>() : [view.SpoofDemonstration])]),
                entry.AddsXForwardedFor || view.RemoteAddrIs != RemoteAddrIs.Client
                    ? new ClientIpFix
                    {
                        Id = "narrow-proxy-real-ip-cidr",
                        Title = "Trust only the load balancer's addresses",
                        Target = $"ConfigMap {cm}",
                        Patch = yaml,
                        Command = cmd,
                        TradeOffs =
                        [
                            "Requests from addresses outside the list keep their socket address: list every proxy hop (load balancer subnets, and node addresses under externalTrafficPolicy Cluster).",
                            "Cloud load balancer ranges change rarely but do change; keep the list in the same place as the load balancer's configuration.",
                        ],
                        Resolves = ["forgeable-x-forwarded-for"],
                    }
                    : DisableForwardedHeaders(cm, s));
        }

        if (view.LoadBalancerHeaderIgnored && lb is not null)
        {
            var cidr = entry.BackendSees == BackendSees.Node ? "<node CIDR>" : $"<CIDR of {lb.OwnAddresses}>";
            var (yaml, cmd) = ClientIpPatches.ConfigMap(cm.Namespace, cm.Name, [("use-forwarded-headers", "true"), ("proxy-real-ip-cidr", cidr)]);
            yield return (new ClientIpRisk("lb-header-ignored", Severity.Warning, $"The {lb.Product}'s X-Forwarded-For is thrown away",
                    s.RealIpActive
                        ? "realip is on, but the addresses the controller sees are not in proxy-real-ip-cidr, so the load balancer's header is ignored; the apps get it only as X-Original-Forwarded-For."
                        : "use-forwarded-headers is false, so ingress-nginx replaces X-Forwarded-For with the load balancer's (or node's) address; the client address reaches the apps only in X-Original-Forwarded-For.",
                    [cmEvidence, .. lb.Evidence]),
                new ClientIpFix
                {
                    Id = "use-forwarded-headers",
                    Title = "Read the load balancer's X-Forwarded-For in ingress-nginx",
                    Target = $"ConfigMap {cm}",
                    Patch = yaml,
                    Command = cmd,
                    TradeOffs =
                    [
                        "Only safe with proxy-real-ip-cidr narrowed to the load balancer (and node addresses under externalTrafficPolicy Cluster); the default 0.0.0.0/0 lets clients forge their address.",
                        "compute-full-forwarded-for: \"true\" additionally passes the whole chain to the apps, which then must skip trusted entries themselves.",
                    ],
                    Resolves = ["lb-header-ignored"],
                });
        }

        if (lb is { Layer: LoadBalancerLayer.L4Proxy, ProxyProtocol: false } && svc is not null && lb.ProxyProtocolAnnotation is { } ppa)
        {
            var (svcYaml, svcCmd) = ClientIpPatches.Service(svc.Namespace, svc.Name, annotations: [ppa]);
            var (cmYaml, cmCmd) = ClientIpPatches.ConfigMap(cm.Namespace, cm.Name, [("use-proxy-protocol", "true")]);
            yield return (new ClientIpRisk("lb-replaces-source", Severity.Warning, $"{lb.Product} replaces the client address",
                    "The load balancer opens its own connections, so the controller and every app behind it see the load balancer. PROXY protocol at both ends carries the client address through it.",
                    [.. lb.Evidence]),
                new ClientIpFix
                {
                    Id = "proxy-protocol-both-ends",
                    Title = "PROXY protocol on the load balancer and in ingress-nginx",
                    Target = $"Service {svc.Namespace}/{svc.Name} and ConfigMap {cm}",
                    Patch = svcYaml + "---\n" + cmYaml,
                    Command = svcCmd + " && " + cmCmd,
                    TradeOffs =
                    [
                        "Apply both together: between the two changes every request fails (one side speaks PROXY protocol, the other does not).",
                        "Connections that bypass the load balancer (in-cluster callers to the controller Service) must then send a PROXY preamble too.",
                    ],
                    Resolves = ["lb-replaces-source"],
                });
        }

        if (controller.HostNetwork)
        {
            yield return (new ClientIpRisk("hostnetwork-controller", Severity.Warning, "Ingress controller runs with hostNetwork",
                "Its pod address is its node's address, so apps see node IPs as the proxy: trusted-proxy lists written for the pod network miss them, and NetworkPolicies that admit the controller by podSelector do not match its traffic (it is node traffic). Clients that reach the node's ports 80/443 directly keep their address; traffic through a Service with externalTrafficPolicy Cluster is still SNATed.",
                [$"{controller.Workload?.Kind} {controller.Workload?.Namespace}/{controller.Workload?.Name}: hostNetwork true"]), null);
        }

        foreach (var problem in s.Problems)
        {
            yield return (new ClientIpRisk("configmap-value", Severity.Notice, "ingress-nginx ConfigMap value not understood", problem, [s.Source]), null);
        }
    }

    private static ClientIpFix DisableForwardedHeaders(ObjectKey cm, IngressNginxSettings s)
    {
        var (yaml, cmd) = ClientIpPatches.ConfigMap(cm.Namespace, cm.Name, [("use-forwarded-headers", "false"), ("enable-real-ip", "false")]);
        return new ClientIpFix
        {
            Id = "disable-forwarded-headers",
            Title = "Stop trusting X-Forwarded-For from clients",
            Target = $"ConfigMap {cm}",
            Patch = yaml,
            Command = cmd,
            TradeOffs =
            [
                "The controller already sees clients directly (pass-through load balancer, externalTrafficPolicy Local): with realip off it uses the socket address, which clients cannot forge.",
                $"If a layer-7 proxy is added in front later, turn {s.ForwardedForHeader} handling back on with proxy-real-ip-cidr set to that proxy's range.",
            ],
            Resolves = ["forgeable-x-forwarded-for"],
        };
    }
}
