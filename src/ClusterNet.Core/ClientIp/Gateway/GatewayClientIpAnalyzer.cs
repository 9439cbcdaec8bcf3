using System.Collections.Immutable;
using System.Globalization;
using ClusterNet.Core.Findings;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.ClientIp.Gateway;

/// <summary>
/// Client-IP analysis of a Gateway: one route per listener × accepted route rule, drawn client → load balancer → node →
/// [other node] → gateway pod → backend Service → pod. The gateway's own client-address logic is the predictor's
/// (Envoy's trusted client address, nginx realip, Traefik forwardedHeaders) run on a request from an example client;
/// risks (ETP Cluster in front, X-Forwarded-For believed from anyone, more trusted hops than proxies in front, an
/// unknown implementation) become findings, each with the patch for that implementation.
/// </summary>
public static class GatewayClientIpAnalyzer
{
    public const string EtpClusterRisk = "gateway-etp-cluster";
    public const string TrustsEveryoneRisk = "gateway-xff-trusted-from-anywhere";
    public const string TooManyHopsRisk = "gateway-trusted-hops-exceed-proxies";
    public const string ForgeableRisk = "gateway-xff-forgeable";
    public const string UnknownImplementationRisk = "gateway-implementation-unknown";
    public const string NoDataPlaneRisk = "gateway-data-plane-not-found";
    public const string ProxyProtocolRisk = "gateway-proxy-protocol-mismatch";

    public static ClientIpReport Analyze(ClusterSnapshot snapshot, GatewayInfo gateway) => Analyze(snapshot, GatewayResolver.Resolve(snapshot, gateway));

    public static ClientIpReport Analyze(ClusterSnapshot snapshot, GatewayResolution resolution)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(resolution);
        var gateway = resolution.Gateway;
        var subject = ClientIpFindings.Subject(ClientIpSubjectKind.Gateway, gateway.Namespace, gateway.Name);
        var front = GatewayFrontPath.Of(snapshot, resolution);
        var inputs = new List<ClientIpEvidence>
        {
            new("implementation", resolution.DescribeImplementation(), resolution.GatewayClass is null ? null : $"GatewayClass {resolution.GatewayClass.Name} spec.controllerName"),
            new("data plane", front.Exposure, string.Join("; ", resolution.DataPlane.Evidence)),
        };
        var notes = new List<string>(resolution.Notes);
        notes.AddRange(front.Notes);
        var risks = new List<Finding>();
        var fixes = new List<ClientIpFix>();
        var predictions = new Dictionary<string, GatewayClientAddressPrediction>(StringComparer.Ordinal);
        foreach (var listener in resolution.Listeners)
        {
            inputs.AddRange(listener.Settings.Inputs.Select(i => i.ToEvidence() with { Field = $"listener {listener.Listener.Name}: {i.Field}" }));
            notes.AddRange(listener.Settings.Notes.Select(n => $"listener {listener.Listener.Name}: {n}"));
            notes.AddRange(listener.Routes.Where(a => !a.Accepted).Select(a => $"{GatewayRouteKinds.KindName(a.Route.Kind)} {a.Route.Namespace}/{a.Route.Name} is not accepted: {a.Reason}"));
            notes.AddRange(listener.Routes.Where(a => a.Accepted && a.Reason is not null).Select(a => $"{GatewayRouteKinds.KindName(a.Route.Kind)} {a.Route.Namespace}/{a.Route.Name}: {a.Reason}"));
            predictions[listener.Listener.Name] = GatewayClientAddressPredictor.Predict(listener.Settings, front.Policy, front.Scenario);
        }

        Risks(snapshot, resolution, front, predictions, subject, risks, fixes);

        var routes = new List<ClientIpRoute>();
        foreach (var rule in GatewayRuleRef.All(resolution))
        {
            routes.Add(Route(snapshot, resolution, front, rule, predictions[rule.Listener.Listener.Name]));
        }

        risks.AddRange(HopPolicyVerdicts.Risks(routes, $"Gateway {gateway.Namespace}/{gateway.Name}").Select(x => ClientIpFindings.From(x, subject)));

        foreach (var listener in resolution.Listeners.Where(l => !l.Routes.Any(a => a.Accepted)))
        {
            routes.Add(new ClientIpRoute
            {
                Id = listener.Listener.Name,
                Name = $"listener {listener.Listener.Name} (no route)",
                Outcome = ClientIpOutcome.NotApplicable,
                Verdict = $"Not applicable: no route is attached to listener {listener.Listener.Name} ({listener.Listener.Protocol}/{listener.Listener.Port.ToString(CultureInfo.InvariantCulture)}), so it forwards nothing.",
                App = new ClientIpAppView { SocketIs = ClientIpPeer.Gateway, SocketRemoteAddress = "-", ClientIpFrom = "-" },
            });
        }

        if (routes.Any(r => r.Outcome == ClientIpOutcome.PreservedInHeader))
        {
            fixes.Add(GatewayClientIpFixes.AppTrust(snapshot, resolution));
        }

        if (resolution.Listeners.IsEmpty)
        {
            notes.Add("The Gateway has no listeners.");
        }

        var primary = routes.FirstOrDefault(r => r.Outcome != ClientIpOutcome.NotApplicable) ?? routes.FirstOrDefault();
        return new ClientIpReport
        {
            Kind = ClientIpSubjectKind.Gateway,
            Namespace = gateway.Namespace,
            Name = gateway.Name,
            Outcome = primary?.Outcome ?? ClientIpOutcome.NotApplicable,
            Verdict = primary?.Verdict ?? $"Not applicable: Gateway {gateway.Namespace}/{gateway.Name} routes nothing.",
            Routes = [.. routes],
            Risks = ClientIpFindings.Complete(risks, fixes),
            Fixes = [.. fixes.DistinctBy(f => f.Id)],
            Inputs = [.. inputs],
            Notes = [.. notes.Distinct(StringComparer.Ordinal)],
        };
    }

    /// <summary>
    /// The overview rows of a Gateway: one per backend Service of each listener (exposedVia "Gateway NS/NAME listener L"),
    /// with the outcome of the first rule that reaches it.
    /// </summary>
    public static IEnumerable<ClientIpOverviewRow> Rows(ClusterSnapshot snapshot, GatewayInfo gateway)
    {
        var resolution = GatewayResolver.Resolve(snapshot, gateway);
        var report = Analyze(snapshot, resolution);
        var seen = new HashSet<(string, string, string)>();
        foreach (var rule in GatewayRuleRef.All(resolution))
        {
            var route = report.Routes.FirstOrDefault(r => r.Id == rule.RouteId);
            var via = ExposedVia(gateway, rule.Listener.Listener.Name);
            foreach (var backend in rule.Backends.Where(b => b.Ref.Kind == "Service" && b.Ref.Group.Length == 0))
            {
                if (route is null || !seen.Add((backend.Target.Namespace, backend.Target.Name, via)))
                {
                    continue;
                }

                var svc = backend.Service;
                yield return new ClientIpOverviewRow(backend.Target.Namespace, backend.Target.Name, svc?.Type ?? "(missing)",
                    svc?.ExternalTrafficPolicy ?? (svc?.Type is "NodePort" or "LoadBalancer" ? "Cluster" : "-"), via, route.Outcome, route.Verdict);
            }
        }
    }

    /// <summary>"Gateway NS/NAME listener L": how the overview names a Service reached through a Gateway listener.</summary>
    public static string ExposedVia(GatewayInfo gateway, string listener) => $"Gateway {gateway.Namespace}/{gateway.Name} listener {listener}";

    private static void Risks(ClusterSnapshot snapshot, GatewayResolution r, GatewayFrontPath front, Dictionary<string, GatewayClientAddressPrediction> predictions,
        string subject, List<Finding> risks, List<ClientIpFix> fixes)
    {
        void Add(string id, Severity severity, string title, string detail, IEnumerable<string> evidence, ClientIpFix? fix)
        {
            risks.Add(ClientIpFindings.From(new ClientIpRisk(id, severity, title, detail, [.. evidence]), subject));
            if (fix is not null)
            {
                fixes.Add(fix);
            }
        }

        var name = GatewayImplementations.DisplayName(r.Implementation);
        if (r.Implementation == GatewayImplementation.Unknown)
        {
            Add(UnknownImplementationRisk, Severity.Notice, $"Unknown Gateway implementation: {r.DescribeImplementation()}",
                "ClusterNet knows Envoy Gateway, Istio, Cilium, NGINX Gateway Fabric, Traefik and kgateway. The answer shown is the generic one: the gateway is a reverse proxy, so backends see its pod address as the socket, and most implementations append the address they see to X-Forwarded-For; check the implementation's documentation for how it trusts X-Forwarded-For.",
                [r.GatewayClass is null ? $"GatewayClass {r.Gateway.GatewayClassName} not in the snapshot" : $"GatewayClass {r.GatewayClass.Name} controllerName {r.GatewayClass.ControllerName}"], null);
        }

        if (r.DataPlane.Match == DataPlaneMatch.NotFound)
        {
            Add(NoDataPlaneRisk, Severity.Warning, "The gateway's Service and pods are not in the snapshot: how clients reach it is unknown",
                "Without the data-plane Service its type and externalTrafficPolicy, which decide whether the gateway sees the client, cannot be read.",
                r.DataPlane.Evidence, null);
        }

        if (front.Entry is { } entry && front.Service is { } svc && front.Policy == ServiceTrafficPolicy.Cluster && !entry.ProxyProtocol)
        {
            Add(EtpClusterRisk, Severity.Error, $"externalTrafficPolicy Cluster in front of the gateway: {name} sees node addresses, not clients",
                $"kube-proxy masquerades every outside connection to Service {svc.Namespace}/{svc.Name} to the receiving node's address, so the gateway's logs, rate limits, IP allow-lists and the X-Forwarded-For it writes name a node.",
                [$"Service {svc.Namespace}/{svc.Name}: type {svc.Type}, externalTrafficPolicy {entry.Policy}" + (svc.ExternalTrafficPolicy is null ? " (not set: Kubernetes' default Cluster)" : "")],
                GatewayClientIpFixes.EtpLocal(snapshot, r, svc, EtpClusterRisk));
        }

        foreach (var listener in r.Listeners)
        {
            var prediction = predictions[listener.Listener.Name];
            var settings = listener.Settings;
            var where = settings.Inputs.Where(i => i.Origin == SettingOrigin.Read).Select(i => $"{i.Field} {i.Value} ({i.Source})").ToList();
            if (prediction.Outcome == ClientIpOutcome.Broken)
            {
                Add(ProxyProtocolRisk, Severity.Critical, $"PROXY protocol on one side only: listener {listener.Listener.Name} fails every connection",
                    string.Join("; ", prediction.Steps), where, null);
            }

            if (settings.TrustsEveryone)
            {
                Add(TrustsEveryoneRisk, Severity.Error, $"Listener {listener.Listener.Name} believes X-Forwarded-For from anyone: clients choose the address {name} acts on",
                    $"A client that sends X-Forwarded-For: {GatewayClientAddressPredictor.ForgedAddress} is taken for {GatewayClientAddressPredictor.ForgedAddress} by the gateway's logs, rate limits and allow-lists.",
                    where, GatewayClientIpFixes.TrustList(snapshot, r, listener, front.RealXffHops > 0 ? GatewayFrontPath.ExampleLoadBalancerIp + "/32" : null, TrustsEveryoneRisk));
            }
            else if (settings.Envoy is { NumTrustedHops: > 0 } envoy && envoy.NumTrustedHops > front.RealXffHops)
            {
                Add(TooManyHopsRisk, Severity.Error,
                    $"Listener {listener.Listener.Name} trusts {envoy.NumTrustedHops.ToString(CultureInfo.InvariantCulture)} X-Forwarded-For hop(s), but {front.RealXffHops.ToString(CultureInfo.InvariantCulture)} proxy in front of the gateway appends to it",
                    $"Envoy takes the client from the X-Forwarded-For entry {envoy.NumTrustedHops.ToString(CultureInfo.InvariantCulture)} from the right; with fewer proxies in front that entry is written by the client: X-Forwarded-For: {GatewayClientAddressPredictor.ForgedAddress} makes the gateway believe {(prediction.Forgeable ? GatewayClientAddressPredictor.ForgedAddress : "whatever the client wrote")}.",
                    [.. where, $"in front: {front.Exposure}"], GatewayClientIpFixes.TrustedHops(snapshot, r, front.RealXffHops, TooManyHopsRisk));
            }
            else if (prediction.Forgeable)
            {
                Add(ForgeableRisk, Severity.Error, $"Listener {listener.Listener.Name}: a client-sent X-Forwarded-For changes the address {name} acts on",
                    string.Join("; ", prediction.Steps), where,
                    GatewayClientIpFixes.TrustList(snapshot, r, listener, front.RealXffHops > 0 ? GatewayFrontPath.ExampleLoadBalancerIp + "/32" : null, ForgeableRisk));
            }
        }
    }

    private static ClientIpRoute Route(ClusterSnapshot snapshot, GatewayResolution r, GatewayFrontPath front, GatewayRuleRef rule, GatewayClientAddressPrediction prediction)
    {
        var backend = rule.Primary;
        var app = backend?.Service;
        var appName = app is null ? rule.Backends.FirstOrDefault() is { } b ? b.Target.ToString() : "(no backend)" : $"{app.Namespace}/{app.Name}";
        var notes = new List<string>();
        notes.AddRange(rule.Backends.Where(x => x.Problem is not null).Select(x => x.Problem!));
        if (rule.Backends.Length > 1)
        {
            notes.Add($"{rule.Backends.Length.ToString(CultureInfo.InvariantCulture)} backends share this rule by weight ({string.Join(", ", rule.Backends.Select(x => x.Target.ToString()))}); they all see the same addresses");
        }

        var name = $"{rule.Describe()} → {appName}";
        var implementation = GatewayImplementations.DisplayName(r.Implementation);
        var podIp = front.GatewayPodIp;
        var socket = podIp is null ? "a gateway pod's IP" : $"a gateway pod's IP (e.g. {podIp})";
        var appPod = app is null ? null : ServiceClientIpAnalyzer.BackingPods(snapshot, app).FirstOrDefault();
        var hops = new List<ClientIpHop>();
        if (front.Entry is { } entry)
        {
            hops.AddRange(entry.Hops);
        }
        else
        {
            hops.Add(new ClientIpHop { Id = "client", Kind = ClientIpHopKind.Client, Label = "Client", Address = $"{ExternalEntryBuilder.ExampleClient} (example)" });
            notes.Add($"The gateway is {front.Exposure}: how outside traffic reaches it is not visible, so what it sees is unknown.");
        }

        var headers = new List<ClientIpHeaderView>();
        if (rule.IsHttp)
        {
            if (prediction.BackendXForwardedFor is { } xff)
            {
                headers.Add(new ClientIpHeaderView("X-Forwarded-For", xff, prediction.Forgeable
                    ? "the rightmost entry is the peer the gateway saw; entries left of it are whatever the client sent"
                    : "the rightmost entry is the address the gateway appended"));
            }
            else if (r.Implementation == GatewayImplementation.Unknown)
            {
                headers.Add(new ClientIpHeaderView("X-Forwarded-For", "<what the gateway saw> (most implementations)", "unknown implementation: assumed, not known"));
            }

            if (prediction.BackendXRealIp is { } realIp)
            {
                headers.Add(new ClientIpHeaderView("X-Real-IP", realIp, "nginx's $remote_addr after rewriteClientIP"));
            }

            headers.Add(new ClientIpHeaderView("Forwarded", "(not written)", $"{(r.Implementation == GatewayImplementation.Unknown ? "the gateway" : implementation)} does not write RFC 7239 Forwarded; one a client sends passes through unchanged, so an app must not read it"));
        }

        var gatewayHop = new ClientIpHop
        {
            Id = "gateway",
            Kind = ClientIpHopKind.Gateway,
            Label = $"{(r.Implementation == GatewayImplementation.Unknown ? "Gateway proxy (unknown implementation)" : implementation)} · Gateway {r.Gateway.Namespace}/{r.Gateway.Name} listener {rule.Listener.Listener.Name}",
            Address = podIp is null ? null : $"{podIp} (e.g.)",
            SeesSource = front.Entry?.BackendSeesText ?? "unknown",
            Snat = true,
            SnatReason = rule.IsHttp
                ? "a reverse proxy: opens its own connection to the backend pod from its pod address"
                : $"relays the {GatewayRouteKinds.KindName(rule.Route.Kind)} stream at L4 from its own pod address; no headers can carry the client",
            AddsHeaders = rule.IsHttp ? [.. headers.Where(h => h.Name != "Forwarded" && !h.Value.StartsWith('<')).Select(h => $"{h.Name}: {h.Value}")] : [],
            Detail = prediction.GatewayClientIp is { } ip
                ? $"Acts on client address {ip}{(prediction.Forgeable ? $"; a forged X-Forwarded-For makes it {GatewayClientAddressPredictor.ForgedAddress}" : "")}. " + string.Join("; ", prediction.Steps) + "."
                : string.Join("; ", prediction.Steps) + ".",
        };
        hops.Add(gatewayHop);
        if (app is not null)
        {
            hops.Add(new ClientIpHop
            {
                Id = "service",
                Kind = ClientIpHopKind.ServiceVip,
                Label = $"Service {app.Namespace}/{app.Name} (endpoints)",
                Address = app.ClusterIp,
                SeesSource = socket,
                Detail = "The gateway picks an endpoint pod IP itself: no kube-proxy, no SNAT; the backend Service's type and externalTrafficPolicy do not matter here.",
            });
        }

        hops.Add(new ClientIpHop
        {
            Id = "pod", Kind = ClientIpHopKind.Pod, Label = $"Pod of {appName}", Address = appPod?.PodIp, SeesSource = socket,
            Policy = HopPolicyVerdicts.GatewayToPod(snapshot, r.DataPlane.Pods, app, appPod, backend?.Ref.Port?.ToString(CultureInfo.InvariantCulture)),
        });

        var (outcome, verdict, from) = Verdict(r, front, rule, prediction, appName, socket);
        return new ClientIpRoute
        {
            Id = rule.RouteId,
            Name = name,
            Outcome = outcome,
            Verdict = verdict,
            Hops = [.. hops],
            App = new ClientIpAppView { SocketIs = ClientIpPeer.Gateway, SocketRemoteAddress = socket, Headers = [.. headers], ClientIpFrom = from },
            Notes = [.. notes],
        };
    }

    private static (ClientIpOutcome Outcome, string Verdict, string From) Verdict(GatewayResolution r, GatewayFrontPath front, GatewayRuleRef rule, GatewayClientAddressPrediction prediction, string appName, string socket)
    {
        var implementation = GatewayImplementations.DisplayName(r.Implementation);
        if (r.Implementation == GatewayImplementation.Unknown)
        {
            return (ClientIpOutcome.Unknown,
                $"Unknown: {r.DescribeImplementation()}. Generic answer: {appName} sees {socket} as the socket; most implementations append the address they see, here {front.Entry?.BackendSeesText ?? "unknown"}, to X-Forwarded-For.",
                "X-Forwarded-For, if the gateway sees clients (check the implementation)");
        }

        if (prediction.Outcome == ClientIpOutcome.Broken)
        {
            return (ClientIpOutcome.Broken, $"Broken: {prediction.Steps.LastOrDefault()}.", "-");
        }

        if (front.Entry is null)
        {
            return (ClientIpOutcome.Unknown, $"Unknown: the gateway is {front.Exposure}, so what it sees of clients cannot be told from the snapshot; {appName} sees {socket} as the socket.", "unknown");
        }

        if (!rule.IsHttp)
        {
            return (ClientIpOutcome.Lost,
                $"Lost: {implementation} relays {GatewayRouteKinds.KindName(rule.Route.Kind)} traffic at L4 from its own pod, so {appName} sees {socket} and no header can carry the client.",
                "nowhere (PROXY protocol from the gateway to the backend would be needed)");
        }

        var why = front.Entry.Why;
        return prediction.Outcome switch
        {
            ClientIpOutcome.PreservedInHeader when prediction.Forgeable => (ClientIpOutcome.PreservedInHeader,
                $"Forgeable: {appName} gets the client address in X-Forwarded-For (rightmost entry: {prediction.BackendXForwardedFor?.Split(',')[^1].Trim()}), but {implementation} itself believes a client-sent X-Forwarded-For, so its logs, rate limits and allow-lists act on whatever the client writes; the socket shows {socket}.",
                "the rightmost X-Forwarded-For entry, trusting only the gateway pods' addresses; never the leftmost"),
            ClientIpOutcome.PreservedInHeader => (ClientIpOutcome.PreservedInHeader,
                $"In a header: {appName} gets the client address in {(prediction.BackendXRealIp is null ? "X-Forwarded-For" : "X-Forwarded-For and X-Real-IP")} from {implementation} ({why}); the socket shows {socket}.",
                prediction.BackendXRealIp is null ? "the rightmost X-Forwarded-For entry, trusting only the gateway pods' addresses" : "X-Real-IP (or the rightmost X-Forwarded-For entry), trusting only the gateway pods' addresses"),
            _ => (ClientIpOutcome.Lost,
                $"Lost: {why}, so {implementation} only knows {prediction.GatewayClientIp ?? "a proxy address"}; {appName} gets that in X-Forwarded-For and sees {socket} as the socket.",
                "nowhere reliable"),
        };
    }
}
