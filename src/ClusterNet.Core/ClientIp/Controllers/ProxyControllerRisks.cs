using ClusterNet.Core.Findings;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.ClientIp.Controllers;

/// <summary>
/// Risks of a reverse-proxy controller's settings against what reaches it, with the same codes as ingress-nginx's
/// (proxy-protocol-mismatch, forgeable-x-forwarded-for, lb-header-ignored, lb-replaces-source, hostnetwork-controller)
/// and fixes written in that controller's own settings.
/// </summary>
internal static class ProxyControllerRisks
{
    public static IEnumerable<(ClientIpRisk Risk, ClientIpFix? Fix)> For(ClusterSnapshot snapshot, IngressControllerInfo controller, ProxyControllerSettings s, ExternalEntry entry, ProxyControllerView view)
    {
        var product = ProxyControllers.Product(s.Kind);
        var settingsEvidence = $"{s.Target}: {string.Join(", ", s.Lines.Select(l => $"{l.Field}={l.Value}"))}";
        var lb = entry.LoadBalancer;
        var lbCidr = lb?.OwnAddresses is { } own ? $"<CIDR of {own}>" : "<CIDR of the load balancer>";
        var peerCidr = entry.BackendSees == BackendSees.Node ? "<node CIDR>" : lbCidr;

        if (view.ControllerClient == RemoteAddrIs.Broken)
        {
            var want = entry.ProxyProtocol;
            var (yaml, cmd) = s.Kind switch
            {
                IngressControllerKind.Traefik => ProxyControllerPatches.Set(s, controller, "proxyProtocol.trustedIPs", peerCidr),
                IngressControllerKind.HaproxyIngress => ProxyControllerPatches.Set(s, controller, "use-proxy-protocol", want ? "true" : "false"),
                IngressControllerKind.HaproxyTech => want ? ProxyControllerPatches.Set(s, controller, "proxy-protocol", peerCidr) : ProxyControllerPatches.RemoveKey(controller, "proxy-protocol"),
                _ => ProxyControllerPatches.Set(s, controller, "use-proxy-protocol", want ? "true" : "false"),
            };
            yield return (new ClientIpRisk("proxy-protocol-mismatch", Severity.Error, "PROXY protocol on one side only", view.BrokenReason!,
                    [settingsEvidence, lb is null ? "no load balancer in front" : $"{lb.Product}: PROXY protocol {(lb.ProxyProtocol ? "on" : "off")} ({string.Join("; ", lb.Evidence)})"]),
                new ClientIpFix
                {
                    Id = "proxy-protocol-match",
                    Title = want ? $"Make {product} expect PROXY protocol from the load balancer" : $"Stop expecting PROXY protocol in {product}",
                    Target = s.Target,
                    Patch = yaml,
                    Command = cmd,
                    TradeOffs = want
                        ? ["Anything that connects to the controller without going through the load balancer must send a PROXY preamble too (or come from outside the trusted list)."]
                        : ["If the load balancer proxies TCP, the controller then sees its address instead of the client's: turn PROXY protocol on at both ends instead when possible."],
                    Resolves = ["proxy-protocol-mismatch"],
                });
            yield break;
        }

        if (view.Forgeable)
        {
            ClientIpFix? fix = s.Kind switch
            {
                IngressControllerKind.Traefik => Fix("narrow-forwarded-headers", $"Trust X-Forwarded-For only from the proxies in front of Traefik", s, ProxyControllerPatches.Set(s, controller, "forwardedHeaders.trustedIPs", entry.AddsXForwardedFor ? peerCidr : "<CIDR of the proxies in front of Traefik>"),
                    ["Remove --entryPoints.*.forwardedHeaders.insecure (and any 0.0.0.0/0 in trustedIPs) from the args by hand: a JSON patch cannot find an arg by value.", "List every proxy hop: the load balancer's subnets, and node addresses under externalTrafficPolicy Cluster."]),
                IngressControllerKind.HaproxyIngress => Fix("forwardfor-add", "Let HAProxy Ingress write X-Forwarded-For itself", s, ProxyControllerPatches.Set(s, controller, "forwardfor", entry.AddsXForwardedFor ? "update" : "add"),
                    [entry.AddsXForwardedFor ? "update keeps the load balancer's entries and appends the source address: the app takes the second-to-last entry." : "add replaces the header with the source address; the client's own value moves to X-Original-Forwarded-For."]),
                IngressControllerKind.HaproxyTech => Fix("remove-src-ip-header", "Stop taking the source address from a client header", s, ProxyControllerPatches.RemoveKey(controller, "src-ip-header"),
                    ["If a trusted proxy in front sets that header, keep the key but restrict it with a frontend snippet (http-request set-src … if { src <proxy CIDR> }) instead."]),
                _ => Fix("num-trusted-hops-match", "Trust exactly the proxies in front of Envoy", s, ProxyControllerPatches.Set(s, controller, "num-trusted-hops", entry.AddsXForwardedFor ? "1" : "0"),
                    ["Count only proxies that append to X-Forwarded-For in front of Envoy; the ingress Service itself adds no entry.", "Restart contour after editing the ConfigMap so Envoy gets the new listener settings."]),
            };
            yield return (new ClientIpRisk("forgeable-x-forwarded-for", s.Kind == IngressControllerKind.Traefik && view.ClientFromRight == 1 ? Severity.Warning : Severity.Error,
                "Clients can choose their own address", view.ForgeWhy ?? "A client-written header decides the address.", [settingsEvidence]), fix);
        }

        if (view.LbHeaderDropped && lb is not null)
        {
            ClientIpFix? fix = s.Kind switch
            {
                IngressControllerKind.Traefik => Fix("trust-load-balancer", "Trust the load balancer's X-Forwarded-For in Traefik", s, ProxyControllerPatches.Set(s, controller, "forwardedHeaders.trustedIPs", peerCidr),
                    ["Under externalTrafficPolicy Cluster the peer is a node: list the node subnet too.", "Never use forwardedHeaders.insecure: it trusts clients as well."]),
                IngressControllerKind.HaproxyIngress => Fix("forwardfor-update", "Keep the load balancer's X-Forwarded-For in HAProxy Ingress", s, ProxyControllerPatches.Set(s, controller, "forwardfor", "update"),
                    ["update keeps every incoming entry: the app must take the second-to-last entry, never the first."]),
                IngressControllerKind.Contour => Fix("num-trusted-hops-match", "Trust the load balancer's X-Forwarded-For entry in Envoy", s, ProxyControllerPatches.Set(s, controller, "num-trusted-hops", "1"),
                    ["Only correct while exactly one proxy that appends X-Forwarded-For sits in front of Envoy.", "Restart contour after editing the ConfigMap."]),
                _ => null,
            };
            var appStillGets = view.ClientFromRight is not null;
            yield return (new ClientIpRisk("lb-header-ignored", appStillGets ? Severity.Notice : Severity.Warning, $"{product} does not use the {lb.Product}'s X-Forwarded-For",
                appStillGets
                    ? $"The app still finds the client in X-Forwarded-For, but {product} itself takes the load balancer (or node) as the client: its access logs, rate limits and IP allow lists see that address."
                    : $"{product} drops or moves aside the load balancer's X-Forwarded-For, so the client address reaches the app nowhere it would look.",
                [settingsEvidence, .. lb.Evidence]), fix);
        }

        if (lb is { Layer: LoadBalancerLayer.L4Proxy, ProxyProtocol: false } && controller.Service is { } svc && lb.ProxyProtocolAnnotation is { } ppa)
        {
            var (svcYaml, svcCmd) = ClientIpPatches.Service(svc.Namespace, svc.Name, annotations: [ppa]);
            var (ctlYaml, ctlCmd) = s.Kind switch
            {
                IngressControllerKind.Traefik => ProxyControllerPatches.Set(s, controller, "proxyProtocol.trustedIPs", lbCidr),
                IngressControllerKind.HaproxyTech => ProxyControllerPatches.Set(s, controller, "proxy-protocol", lbCidr),
                _ => ProxyControllerPatches.Set(s, controller, "use-proxy-protocol", "true"),
            };
            yield return (new ClientIpRisk("lb-replaces-source", Severity.Warning, $"{lb.Product} replaces the client address",
                    $"The load balancer opens its own connections, so {product} and every app behind it see the load balancer. PROXY protocol at both ends carries the client address through it.",
                    [.. lb.Evidence]),
                new ClientIpFix
                {
                    Id = "proxy-protocol-both-ends",
                    Title = $"PROXY protocol on the load balancer and in {product}",
                    Target = $"Service {svc.Namespace}/{svc.Name} and {s.Target}",
                    Patch = svcYaml + "---\n" + ctlYaml,
                    Command = ctlCmd is null ? svcCmd : svcCmd + " && " + ctlCmd,
                    TradeOffs = ["Apply both together: between the two changes every request fails (one side speaks PROXY protocol, the other does not)."],
                    Resolves = ["lb-replaces-source"],
                });
        }

        if (controller.HostNetwork)
        {
            yield return (new ClientIpRisk("hostnetwork-controller", Severity.Warning, "Ingress controller runs with hostNetwork",
                "Its pod address is its node's address, so apps see node IPs as the proxy: trusted-proxy lists written for the pod network miss them, and NetworkPolicies that admit the controller by podSelector do not match its traffic.",
                [$"{controller.Workload?.Kind} {controller.Workload?.Namespace}/{controller.Workload?.Name}: hostNetwork true"]), null);
        }

        foreach (var problem in s.Problems)
        {
            yield return (new ClientIpRisk("controller-setting-value", Severity.Notice, $"{product} setting not understood", problem, [s.Target]), null);
        }
    }

    private static ClientIpFix Fix(string id, string title, ProxyControllerSettings s, (string Yaml, string? Command) patch, string[] tradeOffs) => new()
    {
        Id = id,
        Title = title,
        Target = s.Target,
        Patch = patch.Yaml,
        Command = patch.Command,
        TradeOffs = [.. tradeOffs],
        Resolves = [id switch
        {
            "trust-load-balancer" or "forwardfor-update" => "lb-header-ignored",
            "num-trusted-hops-match" when s.TrustedHops == 0 => "lb-header-ignored",
            _ => "forgeable-x-forwarded-for",
        }],
    };
}
