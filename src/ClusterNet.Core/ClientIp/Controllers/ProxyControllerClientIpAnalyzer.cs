using System.Collections.Immutable;
using ClusterNet.Core.Findings;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.ClientIp.Controllers;

/// <summary>
/// Client-IP analysis of an Ingress served by Traefik, HAProxy Ingress, the haproxytech controller or Contour, in the
/// report shape ingress-nginx uses: one route per rule path, the path client → load balancer / node → controller pod
/// → app pod, what the app sees (socket = a controller pod; the client, if anywhere, in X-Forwarded-For at a known
/// position from the right), risks and fixes as patches for that controller.
/// </summary>
internal static class ProxyControllerClientIpAnalyzer
{
    public static ClientIpReport Analyze(ClusterSnapshot snapshot, IngressInfo ingress, IngressControllerInfo controller)
    {
        var product = ProxyControllers.Product(controller.Kind);
        var settings = Read(snapshot, ingress, controller);
        var inputs = new List<ClientIpEvidence> { new("controller", controller.Describe(), string.Join("; ", controller.Evidence)) };
        inputs.AddRange(settings.Lines.Select(l => l with { Field = $"{IngressControllerKinds.Word(controller.Kind)} {l.Field}" }));
        var subject = ClientIpFindings.Subject(ClientIpSubjectKind.Ingress, ingress.Namespace, ingress.Name);
        var risks = new List<Finding>();
        var fixes = new List<ClientIpFix>();
        var notes = new List<string>(settings.Notes);
        var paths = IngressClientIpAnalyzer.Paths(ingress).ToList();
        if (paths.Count == 0)
        {
            notes.Add("The Ingress has no rules with HTTP paths and no default backend.");
        }

        ExternalEntry? entry = null;
        ProxyControllerView? view = null;
        ImmutableArray<ClientIpHop> hops = [];
        var exposure = "not found";
        if (controller.Workload is not null)
        {
            (entry, exposure) = ControllerExposure.Build(snapshot, controller, product, risks, fixes, notes, inputs);
            inputs.Add(new ClientIpEvidence("controller exposure", exposure));
        }
        else
        {
            notes.Add($"No {product} proxy workload in the snapshot: what it sees of clients is unknown; the settings shown are what it would use.");
        }

        if (entry is not null)
        {
            view = ProxyControllerViewBuilder.Build(snapshot, entry, settings);
            foreach (var (risk, fix) in ProxyControllerRisks.For(snapshot, controller, settings, entry, view))
            {
                risks.Add(ClientIpFindings.From(risk, subject));
                if (fix is not null)
                {
                    fixes.Add(fix);
                }
            }

            hops = entry.Hops.Add(new ClientIpHop
            {
                Id = "ingress",
                Kind = ClientIpHopKind.IngressController,
                Label = $"{product} ({controller.Workload?.Name ?? "controller"})",
                Address = controller.HostNetwork ? "node address (hostNetwork)" : controller.Pods.Select(p => p.PodIp).FirstOrDefault(ip => ip is not null) is { } ip ? $"{ip} (e.g.)" : null,
                SeesSource = entry.BackendSeesText,
                Snat = true,
                SnatReason = "a reverse proxy: opens a new connection to the app pod from its own address",
                AddsHeaders = [.. view.Headers.Take(2).Select(h => $"{h.Name}: {h.Value}")],
                Detail = $"Takes as the client: {view.ControllerClientText}.",
            });
        }

        var routes = paths.Select(p => Route(snapshot, ingress, controller, product, entry, view, hops, exposure, p.Label, p.Backend)).ToList();
        risks.AddRange(HopPolicyVerdicts.Risks(routes, product).Select(r => ClientIpFindings.From(r, subject)));
        if (view is { ClientFromRight: { } pos } && routes.Any(r => r.Outcome == ClientIpOutcome.PreservedInHeader))
        {
            fixes.Add(AppTrustFix(snapshot, controller, ingress, pos, product));
        }

        return IngressClientIpAnalyzer.Report(ingress, routes, risks, fixes, inputs, notes);
    }

    internal static ProxyControllerSettings Read(ClusterSnapshot snapshot, IngressInfo ingress, IngressControllerInfo controller)
    {
        var key = controller.ConfigMapKey ?? "";
        var cm = key.Contains('/', StringComparison.Ordinal) ? snapshot.ConfigMaps.Get(ObjectKey.Parse(key)) : null;
        return controller.Kind switch
        {
            IngressControllerKind.Traefik => TraefikSettingsReader.Read(controller.Workload, ingress),
            IngressControllerKind.HaproxyIngress => HaproxyIngressSettingsReader.Read(cm, key),
            IngressControllerKind.HaproxyTech => HaproxyTechSettingsReader.Read(cm, key),
            _ => ContourSettingsReader.Read(controller.ControlPlane, cm, key),
        };
    }

    private static ClientIpRoute Route(ClusterSnapshot snapshot, IngressInfo ingress, IngressControllerInfo controller, string product, ExternalEntry? entry, ProxyControllerView? view, ImmutableArray<ClientIpHop> hops, string exposure, string label, IngressPathInfo backend)
    {
        var id = "path:" + label;
        var app = backend.BackendService is null ? null : snapshot.Services.Get(ingress.Namespace, backend.BackendService);
        var appName = backend.BackendService is null ? "(resource backend)" : $"{ingress.Namespace}/{backend.BackendService}";
        var appPod = app is null ? null : ServiceClientIpAnalyzer.BackingPods(snapshot, app).FirstOrDefault();
        var notes = new List<string> { $"The app Service's type and externalTrafficPolicy do not matter here: {product} sends to its endpoint pod IPs directly." };
        if (backend.BackendService is not null && app is null)
        {
            notes.Add($"Backend Service {appName} is not in the snapshot.");
        }

        var socket = controller.HostNetwork ? "the controller's node address (hostNetwork)" : $"a {product} pod IP" + (controller.Pods.Select(p => p.PodIp).FirstOrDefault(ip => ip is not null) is { } pip ? $" (e.g. {pip})" : "");
        if (entry is null || view is null)
        {
            return new ClientIpRoute
            {
                Id = id,
                Name = $"{label} → {appName}",
                Outcome = ClientIpOutcome.Unknown,
                Verdict = $"Unknown: the {product} controller is {exposure}, so what it sees of clients cannot be told from the snapshot.",
                App = new ClientIpAppView { SocketIs = ClientIpPeer.IngressController, SocketRemoteAddress = socket, ClientIpFrom = "unknown" },
                Notes = [.. notes],
            };
        }

        notes.AddRange(view.Reasoning);
        var (outcome, verdict) = view switch
        {
            { ControllerClient: RemoteAddrIs.Broken } => (ClientIpOutcome.Broken, $"Broken: {view.BrokenReason}"),
            { ClientFromRight: { } pos } when view.Forgeable => (ClientIpOutcome.PreservedInHeader, $"Forgeable: {appName} gets an address in X-Forwarded-For ({Position(pos)}), but a client can choose it: {view.ForgeWhy} The socket shows {socket}."),
            { ClientFromRight: { } pos } => (ClientIpOutcome.PreservedInHeader, $"In a header: {appName} gets the client address as the {Position(pos)} X-Forwarded-For entry from {product} ({entry.Why}); the socket shows {socket}."),
            _ => (ClientIpOutcome.Lost, $"Lost: {entry.Why}{(view.LbHeaderDropped ? ", and the load balancer's X-Forwarded-For is dropped on the way" : "")}, so {product} only knows {view.ControllerClientText}; {appName} sees {socket} as the socket."),
        };
        return new ClientIpRoute
        {
            Id = id,
            Name = $"{label} → {appName}",
            Outcome = outcome,
            Verdict = verdict,
            Hops = hops.Add(new ClientIpHop
            {
                Id = "pod",
                Kind = ClientIpHopKind.Pod,
                Label = $"Pod of {appName}",
                Address = appPod?.PodIp,
                SeesSource = socket,
                Policy = HopPolicyVerdicts.ControllerToPod(snapshot, controller, app, appPod, backend.BackendPort),
            }),
            App = new ClientIpAppView
            {
                SocketIs = ClientIpPeer.IngressController,
                SocketRemoteAddress = socket,
                Headers = view.Headers,
                ClientIpFrom = outcome == ClientIpOutcome.PreservedInHeader && view.ClientFromRight is { } p
                    ? $"X-Forwarded-For, {Position(p)} entry: trust the {product} pods{(p > 1 ? " and the load balancer in front" : "")} only"
                    : "nowhere reliable",
            },
            Notes = [.. notes],
        };
    }

    internal static string Position(int fromRight) => fromRight switch
    {
        1 => "last",
        2 => "second-to-last",
        _ => $"{fromRight}th from the right",
    };

    private static ClientIpFix AppTrustFix(ClusterSnapshot snapshot, IngressControllerInfo controller, IngressInfo ingress, int fromRight, string product)
    {
        var (cidrs, rangeNote) = IngressClientIpAnalyzer.ControllerNetworks(snapshot, controller);
        var list = cidrs.Count == 0 ? ["<pod CIDR of the ingress controller>"] : cidrs;
        if (fromRight > 1)
        {
            list = [.. list, "<CIDR of the load balancer>"];
        }

        var csharp = AspNetForwardedHeaders.Snippet($"believe X-Forwarded-For only from {product}{(fromRight > 1 ? " and the load balancer in front of it" : "")}", list, fromRight);
        return new ClientIpFix
        {
            Id = AspNetForwardedHeaders.FixId,
            Title = $"ASP.NET Core app: read X-Forwarded-For from {product} only",
            Target = $"apps behind Ingress {ingress.Namespace}/{ingress.Name}",
            Language = "csharp",
            Patch = csharp,
            TradeOffs =
            [
                AspNetForwardedHeaders.ClearBothListsTradeOff,
                $"ForwardLimit {fromRight}: the client is the {Position(fromRight)} entry; entries further left were written by the client.",
                rangeNote,
            ],
        };
    }
}
