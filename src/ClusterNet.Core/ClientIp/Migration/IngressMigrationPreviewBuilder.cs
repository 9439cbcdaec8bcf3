using System.Collections.Immutable;
using ClusterNet.Core.ClientIp.Gateway;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.ClientIp.Migration;

/// <summary>
/// "What will my app see after moving this ingress-nginx Ingress to Gateway API implementation X?" The new gateway is
/// assumed to sit behind the same load balancer with the same externalTrafficPolicy as the ingress-nginx controller
/// today (stated in the notes); each implementation runs with its documented defaults (GatewayClientIpSettingsReader
/// on an empty cluster, so nothing of this cluster leaks in) through <see cref="GatewayClientAddressPredictor"/>.
/// An HTTP load balancer in front is modelled as a peer that adds the client to X-Forwarded-For.
/// </summary>
public static class IngressMigrationPreviewBuilder
{
    public static readonly ImmutableArray<GatewayImplementation> Targets =
        [GatewayImplementation.EnvoyGateway, GatewayImplementation.Istio, GatewayImplementation.NginxGatewayFabric, GatewayImplementation.Traefik, GatewayImplementation.Cilium, GatewayImplementation.Kgateway];

    private const string LbAddress = "100.64.0.10";

    /// <summary>The preview, or an error sentence when the Ingress is missing or not served by ingress-nginx.</summary>
    public static (IngressMigrationPreview? Preview, string? Error) Build(ClusterSnapshot snapshot, string ns, string name)
    {
        var ingress = snapshot.Ingresses.Get(ns, name);
        if (ingress is null)
        {
            return (null, $"no Ingress {ns}/{name} in snapshot v{snapshot.Version}");
        }

        var controller = IngressControllerDetector.ForIngress(snapshot, ingress);
        if (controller.Kind != IngressControllerKind.IngressNginx)
        {
            return (null, $"Ingress {ns}/{name} is served by {controller.Describe()}, not ingress-nginx: the migration preview compares ingress-nginx with Gateway API implementations");
        }

        var report = IngressClientIpAnalyzer.Analyze(snapshot, ingress);
        var route = report.Routes.FirstOrDefault();
        var notes = new List<string>();
        var svc = controller.Service;
        ExternalEntry? entry = null;
        var policy = ServiceTrafficPolicy.NotExternal;
        if (svc is not null && (svc.Type is "LoadBalancer" or "NodePort" || !svc.ExternalIps.IsDefaultOrEmpty))
        {
            var mode = svc.Type == "LoadBalancer" ? ExternalEntryMode.LoadBalancer : svc.Type == "NodePort" ? ExternalEntryMode.NodePort : ExternalEntryMode.ExternalIp;
            entry = ExternalEntryBuilder.Build(snapshot, svc, mode, EndpointPlacement.Of(snapshot, svc));
            policy = ServiceTrafficPolicies.Of(svc);
            notes.Add($"Assumed: the gateway's Service gets what the controller Service {svc.Namespace}/{svc.Name} has today: type {svc.Type}, externalTrafficPolicy {entry.Policy}{(entry.LoadBalancer is { } lb ? $", behind {lb.Product}" : "")}.");
        }
        else
        {
            notes.Add("The ingress-nginx controller has no LoadBalancer/NodePort Service in the snapshot: the preview assumes a gateway Service that is not external (no SNAT, no load balancer).");
        }

        var today = new MigrationToday(
            route?.Outcome ?? ClientIpOutcome.NotApplicable,
            route?.Verdict ?? report.Verdict,
            route?.App.ClientIpFrom ?? "n/a",
            route?.App.Headers.FirstOrDefault(h => h.Name == "X-Forwarded-For")?.Value,
            entry?.Policy ?? "n/a",
            entry?.ProxyProtocol ?? false,
            report.Risks.Any(r => r.Code == "forgeable-x-forwarded-for"));
        var l7 = entry?.AddsXForwardedFor == true;
        if (l7)
        {
            notes.Add("An HTTP load balancer in front adds X-Forwarded-For: the gateway must trust it to learn the client.");
        }

        var node = snapshot.Nodes.Select(n => n.InternalIp).OfType<string>().FirstOrDefault() ?? "10.0.0.11";
        var scenario = new GatewayRequestScenario(l7 ? LbAddress : ExternalEntryBuilder.ExampleClient, node, "gateway pod IP", l7 ? ExternalEntryBuilder.ExampleClient : null, today.LoadBalancerSendsProxyProtocol);
        var empty = ClusterSnapshot.Create(snapshot.Source, []);
        var gateway = new GatewayInfo { Namespace = ns, Name = name, GatewayClassName = "(migration target)" };
        var nginx = controller.Settings;
        List<string> trusted = nginx is not null && (nginx.UseForwardedHeaders || nginx.EnableRealIp) && !nginx.TrustsEveryone ? [.. nginx.ProxyRealIpCidr] : [];
        var lbCidr = entry?.LoadBalancer?.OwnAddresses is { } own ? $"<CIDR of {own}>" : "<CIDR of the load balancer>";
        var rows = new List<MigrationPreviewRow>();
        foreach (var impl in Targets)
        {
            var settings = GatewayClientIpSettingsReader.Read(empty, gateway, null, impl, null, new GatewayDataPlane { Match = DataPlaneMatch.NotFound });
            var p = GatewayClientAddressPredictor.Predict(settings, policy, scenario);
            var outcome = p.Outcome;
            if (l7 && outcome is ClientIpOutcome.PreservedInHeader or ClientIpOutcome.Lost)
            {
                outcome = p.GatewayClientIp == ExternalEntryBuilder.ExampleClient ? ClientIpOutcome.PreservedInHeader : ClientIpOutcome.Lost;
            }

            var keep = new List<MigrationKeepSetting>();
            if (outcome == ClientIpOutcome.Broken && today.LoadBalancerSendsProxyProtocol)
            {
                keep.Add(MigrationKeepSettings.ProxyProtocol(impl, ns, name, lbCidr));
            }

            if (l7 && outcome == ClientIpOutcome.Lost && today.Outcome == ClientIpOutcome.PreservedInHeader)
            {
                keep.Add(MigrationKeepSettings.TrustProxies(impl, ns, name, trusted.Count > 0 ? trusted : [lbCidr], 1));
            }

            var same = outcome == today.Outcome && p.Forgeable == today.Forgeable;
            var display = GatewayImplementations.DisplayName(impl);
            var sees = p.GatewayClientIp is null ? "no client address" : p.GatewayClientIp == ExternalEntryBuilder.ExampleClient ? $"the client ({p.GatewayClientIp})" : p.GatewayClientIp == node ? $"a node address ({p.GatewayClientIp})" : p.GatewayClientIp == LbAddress ? $"the load balancer ({LbAddress})" : p.GatewayClientIp;
            var verdict = outcome switch
            {
                ClientIpOutcome.Broken => $"Broken: {p.Steps.LastOrDefault()}",
                ClientIpOutcome.Unknown => $"Unknown: {settings.Notes.FirstOrDefault() ?? "the implementation's header handling is not known"}",
                _ => $"{(outcome == ClientIpOutcome.PreservedInHeader ? "In a header" : "Lost")}: {display} takes {sees} as the client{(p.Forgeable ? ", and a client-sent X-Forwarded-For changes it" : "")}; the backend's socket is the gateway pod.",
            };
            verdict += same ? " Same as today." : today.Forgeable && !p.Forgeable && outcome == today.Outcome ? " Safer than today: clients can no longer choose their address." : $" Today: {ClientIpOutcomeText.Short(today.Outcome, today.Verdict)}.";
            rows.Add(new MigrationPreviewRow
            {
                Implementation = impl,
                Name = display,
                Outcome = outcome,
                Verdict = verdict,
                GatewayClientIp = p.GatewayClientIp,
                Forgeable = p.Forgeable,
                BackendSocket = p.BackendSocket,
                BackendXForwardedFor = p.BackendXForwardedFor,
                BackendXRealIp = p.BackendXRealIp,
                SameAsToday = same,
                KeepToday = [.. keep],
                Assumptions = [.. settings.Inputs.Select(i => i.ToEvidence())],
                Steps = [.. p.Steps, .. settings.Notes],
            });
        }

        return (new IngressMigrationPreview
        {
            Namespace = ns,
            Name = name,
            Controller = controller.Describe(),
            Today = today,
            Rows = [.. rows],
            Notes = [.. notes, "Each implementation runs with its documented defaults (no ClientTrafficPolicy, mesh config, NginxProxy or Traefik flags): the Assumptions column says where each value comes from."],
        }, null);
    }
}
