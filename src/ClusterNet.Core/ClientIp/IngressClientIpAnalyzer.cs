using System.Collections.Immutable;
using ClusterNet.Core.Findings;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.ClientIp;

/// <summary>
/// Client-IP analysis of an Ingress: one route per rule path (and the default backend): client → how the
/// controller is exposed (its Service's load balancer / NodePort / hostNetwork) → controller pod → app pod.
/// The app's own Service type and policy do not matter: ingress-nginx proxies to endpoint pod IPs directly.
/// </summary>
internal static class IngressClientIpAnalyzer
{
    public static ClientIpReport Analyze(ClusterSnapshot snapshot, IngressInfo ingress)
    {
        var controller = IngressControllerDetector.ForIngress(snapshot, ingress);
        if (Controllers.ProxyControllers.IsProxyKind(controller.Kind))
        {
            return Controllers.ProxyControllerClientIpAnalyzer.Analyze(snapshot, ingress, controller);
        }

        var inputs = new List<ClientIpEvidence>
        {
            new("controller", controller.Describe(), string.Join("; ", controller.Evidence)),
        };
        if (controller.Settings is { } settings)
        {
            inputs.Add(new ClientIpEvidence("settings", settings.ExplicitKeys.IsDefaultOrEmpty ? "defaults" : string.Join(", ", settings.ExplicitKeys), settings.Source));
            inputs.Add(new ClientIpEvidence("effective", $"use-forwarded-headers {Lower(settings.UseForwardedHeaders)}, compute-full-forwarded-for {Lower(settings.ComputeFullForwardedFor)}, forwarded-for-header {settings.ForwardedForHeader}, proxy-real-ip-cidr {string.Join(",", settings.ProxyRealIpCidr)}, use-proxy-protocol {Lower(settings.UseProxyProtocol)}, enable-real-ip {Lower(settings.EnableRealIp)}", "ingress-nginx"));
        }

        var subject = ClientIpFindings.Subject(ClientIpSubjectKind.Ingress, ingress.Namespace, ingress.Name);
        var risks = new List<Finding>();
        var fixes = new List<ClientIpFix>();
        var notes = new List<string>();
        var paths = Paths(ingress).ToList();
        if (paths.Count == 0)
        {
            notes.Add("The Ingress has no rules with HTTP paths and no default backend.");
        }

        ControllerPath? cp = controller.Kind == IngressControllerKind.IngressNginx ? NginxPath(snapshot, controller, subject, risks, fixes, notes, inputs) : null;
        var routes = new List<ClientIpRoute>();
        foreach (var (label, backend) in paths)
        {
            routes.Add(Route(snapshot, ingress, controller, cp, label, backend));
        }

        risks.AddRange(HopPolicyVerdicts.Risks(routes, "ingress-nginx").Select(r => ClientIpFindings.From(r, subject)));
        if (routes.Any(r => r.Outcome == ClientIpOutcome.PreservedInHeader) && cp is not null)
        {
            fixes.AddRange(AppTrustFixes(snapshot, controller, ingress));
        }

        return Report(ingress, routes, risks, fixes, inputs, notes);
    }

    /// <summary>An Ingress's report, the first route's verdict first (ingress-nginx and the other proxy controllers alike).</summary>
    internal static ClientIpReport Report(IngressInfo ingress, List<ClientIpRoute> routes, List<Finding> risks, List<ClientIpFix> fixes, List<ClientIpEvidence> inputs, List<string> notes)
    {
        var primary = routes.FirstOrDefault();
        return new ClientIpReport
        {
            Kind = ClientIpSubjectKind.Ingress,
            Namespace = ingress.Namespace,
            Name = ingress.Name,
            Outcome = primary?.Outcome ?? ClientIpOutcome.NotApplicable,
            Verdict = primary?.Verdict ?? $"Not applicable: Ingress {ingress.Namespace}/{ingress.Name} routes nothing.",
            Routes = [.. routes],
            Risks = ClientIpFindings.Complete(risks, fixes),
            Fixes = [.. fixes.DistinctBy(f => f.Id)],
            Inputs = [.. inputs],
            Notes = [.. notes],
        };
    }

    /// <summary>Host/path label and backend of every rule path, then the default backend.</summary>
    public static IEnumerable<(string Label, IngressPathInfo Backend)> Paths(IngressInfo ingress)
    {
        foreach (var rule in ingress.Rules)
        {
            foreach (var p in rule.Paths)
            {
                yield return ($"{rule.Host ?? "*"}{p.Path ?? "/"}", p);
            }
        }

        if (ingress.DefaultBackend is { } d)
        {
            yield return ("default backend", d);
        }
    }

    private sealed record ControllerPath(ExternalEntry? Entry, IngressNginxView View, ImmutableArray<ClientIpHop> Hops, string Exposure);

    private static ControllerPath NginxPath(ClusterSnapshot snapshot, IngressControllerInfo controller, string subject, List<Finding> risks, List<ClientIpFix> fixes, List<string> notes, List<ClientIpEvidence> inputs)
    {
        var settings = controller.Settings!;
        var (entry, exposure) = ControllerExposure.Build(snapshot, controller, "ingress-nginx", risks, fixes, notes, inputs);
        inputs.Add(new ClientIpEvidence("controller exposure", exposure));
        if (entry is null)
        {
            return new ControllerPath(null, new IngressNginxView { RemoteAddrIs = RemoteAddrIs.Unknown, RemoteAddrText = "unknown" }, [], exposure);
        }

        foreach (var (risk, fix) in IngressRisks.ForController(snapshot, controller, entry))
        {
            risks.Add(ClientIpFindings.From(risk, subject));
            if (fix is not null)
            {
                fixes.Add(fix);
            }
        }

        var view = IngressNginxViewBuilder.Build(snapshot, entry, settings);
        var controllerHop = new ClientIpHop
        {
            Id = "ingress",
            Kind = ClientIpHopKind.IngressController,
            Label = $"ingress-nginx ({controller.Workload?.Name ?? "controller"})",
            Address = controller.HostNetwork
                ? "node address (hostNetwork)"
                : controller.Pods.Select(p => p.PodIp).FirstOrDefault(ip => ip is not null) is { } ip ? $"{ip} (e.g.)" : null,
            SeesSource = entry.BackendSeesText,
            Snat = true,
            SnatReason = "a reverse proxy: opens a new connection to the app pod from its own address",
            AddsHeaders = [.. view.UpstreamHeaders.Take(2).Select(h => $"{h.Name}: {h.Value}")],
            Detail = $"$remote_addr after realip: {view.RemoteAddrText}.",
        };
        return new ControllerPath(entry, view, entry.Hops.Add(controllerHop), exposure);
    }

    private static ClientIpRoute Route(ClusterSnapshot snapshot, IngressInfo ingress, IngressControllerInfo controller, ControllerPath? cp, string label, IngressPathInfo backend)
    {
        var id = "path:" + label;
        var app = backend.BackendService is null ? null : snapshot.Services.Get(ingress.Namespace, backend.BackendService);
        var appName = backend.BackendService is null ? "(resource backend)" : $"{ingress.Namespace}/{backend.BackendService}";
        var appPod = app is null ? null : ServiceClientIpAnalyzer.BackingPods(snapshot, app).FirstOrDefault();
        var notes = new List<string>();
        if (backend.BackendService is not null && app is null)
        {
            notes.Add($"Backend Service {appName} is not in the snapshot.");
        }

        if (controller.Kind == IngressControllerKind.IngressNginx)
        {
            notes.Add("The app Service's type and externalTrafficPolicy do not matter here: ingress-nginx sends to its endpoint pod IPs directly.");
            if (cp?.Entry is null)
            {
                return new ClientIpRoute
                {
                    Id = id,
                    Name = $"{label} → {appName}",
                    Outcome = ClientIpOutcome.Unknown,
                    Verdict = $"Unknown: the ingress-nginx controller is {cp?.Exposure ?? "not found"}, so what it sees of clients cannot be told from the snapshot.",
                    App = new ClientIpAppView { SocketIs = ClientIpPeer.IngressController, SocketRemoteAddress = "an ingress-nginx pod IP", ClientIpFrom = "unknown" },
                    Notes = [.. notes],
                };
            }

            var socket = controller.HostNetwork ? "the controller's node address (hostNetwork)" : "an ingress-nginx pod IP" + (controller.Pods.Select(p => p.PodIp).FirstOrDefault(ip => ip is not null) is { } pip ? $" (e.g. {pip})" : "");
            var hops = cp.Hops.Add(new ClientIpHop
            {
                Id = "pod",
                Kind = ClientIpHopKind.Pod,
                Label = $"Pod of {appName}",
                Address = appPod?.PodIp,
                SeesSource = socket,
                Policy = HopPolicyVerdicts.ControllerToPod(snapshot, controller, app, appPod, backend.BackendPort),
            });
            var view = cp.View;
            notes.AddRange(view.Reasoning);
            var (outcome, verdict) = view.RemoteAddrIs switch
            {
                RemoteAddrIs.Broken => (ClientIpOutcome.Broken, $"Broken: {view.BrokenReason}"),
                RemoteAddrIs.Client => (ClientIpOutcome.PreservedInHeader, view.Spoofable
                    ? $"Forgeable: {appName} gets the client address in X-Forwarded-For / X-Real-IP, but ingress-nginx trusts X-Forwarded-For from anyone, so a client can put any address there; the socket shows {socket}."
                    : $"In a header: {appName} gets the client address in X-Forwarded-For and X-Real-IP from ingress-nginx ({cp.Entry.Why}); the socket shows {socket}."),
                _ => (ClientIpOutcome.Lost, $"Lost: {cp.Entry.Why}, so ingress-nginx only knows {view.RemoteAddrText}; {appName} gets that in X-Forwarded-For and sees {socket} as the socket."),
            };
            return new ClientIpRoute
            {
                Id = id,
                Name = $"{label} → {appName}",
                Outcome = outcome,
                Verdict = verdict,
                Hops = hops,
                App = new ClientIpAppView
                {
                    SocketIs = ClientIpPeer.IngressController,
                    SocketRemoteAddress = socket,
                    Headers = view.UpstreamHeaders,
                    ClientIpFrom = outcome == ClientIpOutcome.PreservedInHeader
                        ? $"X-Forwarded-For (or X-Real-IP), trusting only the ingress controller's {(controller.HostNetwork ? "node addresses" : "pod addresses")}"
                        : "nowhere reliable",
                },
                Notes = [.. notes],
            };
        }

        return CloudOrUnknownRoute(snapshot, ingress, controller, id, label, appName, app, appPod, notes);
    }

    private static ClientIpRoute CloudOrUnknownRoute(ClusterSnapshot snapshot, IngressInfo ingress, IngressControllerInfo controller, string id, string label, string appName, ServiceInfo? app, PodInfo? appPod, List<string> notes)
    {
        if (controller.Kind is IngressControllerKind.AwsAlb or IngressControllerKind.Gce)
        {
            var alb = controller.Kind == IngressControllerKind.AwsAlb;
            var direct = alb
                ? ingress.Annotations.TryGetValue("alb.ingress.kubernetes.io/target-type", out var tt) && tt == "ip"
                : app?.Annotations.TryGetValue("cloud.google.com/neg", out var neg) == true && neg.Contains("\"ingress\":true", StringComparison.Ordinal) || (app?.Annotations.ContainsKey("cloud.google.com/neg-status") ?? false);
            var product = alb ? "AWS Application Load Balancer" : "Google Cloud Application Load Balancer";
            var hops = new List<ClientIpHop>
            {
                new() { Id = "client", Kind = ClientIpHopKind.Client, Label = "Client", Address = $"{ExternalEntryBuilder.ExampleClient} (example)" },
                new()
                {
                    Id = "lb",
                    Kind = ClientIpHopKind.LoadBalancer,
                    Label = product,
                    SeesSource = $"client {ExternalEntryBuilder.ExampleClient}",
                    Snat = true,
                    SnatReason = "terminates HTTP and connects from its own address",
                    AddsHeaders = [alb ? "X-Forwarded-For: <client> (appended)" : "X-Forwarded-For: <client>, <load balancer address> (appended)"],
                },
            };
            if (!direct)
            {
                hops.Add(new ClientIpHop
                {
                    Id = "node",
                    Kind = ClientIpHopKind.Node,
                    Label = $"Node (NodePort of {appName}, externalTrafficPolicy {app?.ExternalTrafficPolicy ?? "Cluster"})",
                    SeesSource = "the load balancer",
                    Snat = (app?.ExternalTrafficPolicy ?? "Cluster") == "Cluster",
                    SnatReason = (app?.ExternalTrafficPolicy ?? "Cluster") == "Cluster" ? "externalTrafficPolicy Cluster masquerades to the node's address" : null,
                });
            }

            hops.Add(new ClientIpHop { Id = "pod", Kind = ClientIpHopKind.Pod, Label = $"Pod of {appName}", Address = appPod?.PodIp, SeesSource = direct ? "the load balancer's address" : "a node or the load balancer" });
            return new ClientIpRoute
            {
                Id = id,
                Name = $"{label} → {appName}",
                Outcome = ClientIpOutcome.PreservedInHeader,
                Verdict = $"In a header: the {product} adds the client address to X-Forwarded-For; {appName} sees {(direct ? "the load balancer" : "a node or the load balancer")} as the socket.",
                Hops = [.. hops],
                App = new ClientIpAppView
                {
                    SocketIs = direct ? ClientIpPeer.LoadBalancer : ClientIpPeer.Node,
                    SocketRemoteAddress = direct ? "the load balancer's address" : "a node address (instance/NodePort mode)",
                    Headers = [new ClientIpHeaderView("X-Forwarded-For", alb ? "<client-supplied entries>, <client>" : "<client-supplied entries>, <client>, <load balancer>", "entries left of the load balancer's are client-controlled")],
                    ClientIpFrom = "X-Forwarded-For, skipping trusted proxies from the right",
                },
                Notes = [.. notes, .. controller.Evidence],
            };
        }

        return new ClientIpRoute
        {
            Id = id,
            Name = $"{label} → {appName}",
            Outcome = ClientIpOutcome.Unknown,
            Verdict = $"Unknown: {controller.Describe()} is not analysed; most ingress controllers append the address they see to X-Forwarded-For, so the answer depends on how that controller is exposed (check its Service here).",
            App = new ClientIpAppView { SocketIs = ClientIpPeer.IngressController, SocketRemoteAddress = "the controller's pod address", ClientIpFrom = "X-Forwarded-For, if the controller sees clients" },
            Notes = [.. notes, .. controller.Evidence],
        };
    }

    private static IEnumerable<ClientIpFix> AppTrustFixes(ClusterSnapshot snapshot, IngressControllerInfo controller, IngressInfo ingress)
    {
        var (cidrs, rangeNote) = ControllerNetworks(snapshot, controller);
        var list = cidrs.Count == 0 ? ["<pod CIDR of the ingress controller>"] : cidrs;
        var csharp = AspNetForwardedHeaders.Snippet("believe X-Forwarded-For only from the ingress controller", list);
        yield return new ClientIpFix
        {
            Id = AspNetForwardedHeaders.FixId,
            Title = "ASP.NET Core app: read X-Forwarded-For from the ingress controller only",
            Target = $"apps behind Ingress {ingress.Namespace}/{ingress.Name}",
            Language = "csharp",
            Patch = csharp,
            TradeOffs =
            [
                AspNetForwardedHeaders.ClearBothListsTradeOff,
                "ForwardLimit stays 1: the controller's entry is the only one the app needs (ingress-nginx overwrites X-Forwarded-For unless compute-full-forwarded-for is on).",
                rangeNote,
            ],
        };
        var nginx = string.Join("\n", list.Select(c => $"set_real_ip_from {c};").Concat(["real_ip_header X-Forwarded-For;", "real_ip_recursive off;"])) + "\n";
        yield return new ClientIpFix
        {
            Id = "app-nginx-realip",
            Title = "nginx-based app: read X-Forwarded-For from the ingress controller only",
            Target = $"apps behind Ingress {ingress.Namespace}/{ingress.Name}",
            Language = "nginx",
            Patch = nginx,
            TradeOffs = ["Turn real_ip_recursive on only if more trusted proxies sit between the controller and the app.", rangeNote],
        };
    }

    /// <summary>
    /// Where the controller's connections may come from after any rescheduling: the whole pod network (never one node's
    /// podCIDR), or, for a hostNetwork controller, every node's address. The second value says where the range came from.
    /// </summary>
    internal static (List<string> Cidrs, string Note) ControllerNetworks(ClusterSnapshot snapshot, IngressControllerInfo controller)
    {
        if (controller.HostNetwork)
        {
            var ips = snapshot.Nodes.Select(n => n.InternalIp).OfType<string>().Select(ip => ip.Contains(':') ? ip + "/128" : ip + "/32").Distinct().ToList();
            return (ips, "Every node's address is listed, not only the nodes running the controller today: a hostNetwork controller can be rescheduled to any node; add new nodes' addresses (or the node subnet) when the cluster grows.");
        }

        var range = PodNetworkRange.Of(snapshot);
        return ([.. range.Cidrs], range.Note);
    }

    private static string Lower(bool b) => b ? "true" : "false";
}
