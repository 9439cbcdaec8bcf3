using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using ClusterNet.Core.Facts;
using ClusterNet.Core.Findings;
using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;

namespace ClusterNet.Core.ClientIp;

/// <summary>
/// Issue 17.3: the policy verdict of the controller → app hop of an Ingress route (and the gateway → app hop of a Gateway route), computed by the same
/// <see cref="PolicyEngine"/> `reach` uses (one engine per snapshot), so client-ip names the NetworkPolicy that blocks the
/// ingress controller from the backend. A hostNetwork controller's traffic comes from its node's address, which is
/// asked as an external address (ipBlock rules decide it).
/// </summary>
internal static class HopPolicyVerdicts
{
    private static readonly ConditionalWeakTable<ClusterSnapshot, PolicyEngine> Engines = new();

    public static ClientIpHopPolicy? ControllerToPod(ClusterSnapshot snapshot, IngressControllerInfo controller, ServiceInfo? app, PodInfo? appPod, string? backendPort) =>
        ProxyToPod(snapshot, controller.Pods, controller.HostNetwork, app, appPod, backendPort);

    /// <summary>The gateway pod → backend pod hop of a Gateway route (the gateway proxies from its own pod address).</summary>
    public static ClientIpHopPolicy? GatewayToPod(ClusterSnapshot snapshot, IEnumerable<PodInfo> gatewayPods, ServiceInfo? app, PodInfo? appPod, string? backendPort) =>
        ProxyToPod(snapshot, gatewayPods, hostNetwork: false, app, appPod, backendPort);

    private static ClientIpHopPolicy? ProxyToPod(ClusterSnapshot snapshot, IEnumerable<PodInfo> proxyPods, bool hostNetwork, ServiceInfo? app, PodInfo? appPod, string? backendPort)
    {
        if (appPod is null || app is null)
        {
            return null;
        }

        var proxyPod = proxyPods.FirstOrDefault(p => p.PodIp is not null);
        if (proxyPod is null)
        {
            return null;
        }

        var from = hostNetwork || proxyPod.HostNetwork
            ? ReachEndpoint.External(proxyPod.HostIp ?? proxyPod.PodIp!)
            : ReachEndpoint.OfPod(proxyPod.Key);
        var probe = new ReachProbe(TargetPort(app, appPod, backendPort), ServicePort(app, backendPort)?.Protocol ?? "TCP");
        var engine = Engines.GetValue(snapshot, PolicyEngine.Build);
        ReachExplanation explanation;
        try
        {
            explanation = engine.Explain(from, ReachEndpoint.OfPod(appPod.Key), probe);
        }
        catch (ArgumentException)
        {
            // The engine only knows pods it indexed (e.g. a pod without an IP); no verdict rather than a wrong one.
            return null;
        }

        var enforcement = ClusterFacts.Of(snapshot).Enforcement;
        return new ClientIpHopPolicy(from.ToString(), appPod.Key.ToString(), $"{probe.Port.ToString(CultureInfo.InvariantCulture)}/{probe.Protocol}",
            VerdictText.Qualified(VerdictText.Of(explanation.Verdict), enforcement.Qualifier), explanation.Summary)
        {
            Denied = explanation.Verdict == ReachVerdict.Denied,
            Enforced = enforcement.Enforces,
        };
    }

    /// <summary>One risk per route whose controller → app hop is denied: an error when the CNI enforces it, a notice when not.</summary>
    public static IEnumerable<ClientIpRisk> Risks(IEnumerable<ClientIpRoute> routes, string product)
    {
        foreach (var (route, policy) in routes.SelectMany(r => r.Hops.Where(h => h.Policy is { Denied: true }).Select(h => (r, h.Policy!))).DistinctBy(x => (x.Item2.From, x.Item2.To, x.Item2.Probe)))
        {
            var enforced = policy.Enforced != false;
            yield return new ClientIpRisk("policy-blocks-controller", enforced ? Severity.Error : Severity.Notice,
                enforced ? $"NetworkPolicy blocks {product} from the app" : $"NetworkPolicy would block {product} from the app (not enforced)",
                enforced
                    ? $"{policy.From} → {policy.To} on {policy.Probe} is {policy.Verdict}: requests on {route.Name} never reach the app, whatever the client address. {policy.Summary}"
                    : $"{policy.From} → {policy.To} on {policy.Probe} is {policy.Verdict}: the CNI does not enforce NetworkPolicy, so traffic flows today, but it stops the day an enforcing CNI is installed. {policy.Summary}",
                [$"{policy.From} → {policy.To} {policy.Probe}: {policy.Verdict}"]);
        }
    }

    private static ServicePortInfo? ServicePort(ServiceInfo app, string? backendPort) =>
        backendPort is null ? app.Ports.FirstOrDefault()
        : app.Ports.FirstOrDefault(p => p.Name == backendPort || p.Port.ToString(CultureInfo.InvariantCulture) == backendPort) ?? app.Ports.FirstOrDefault();

    private static int TargetPort(ServiceInfo app, PodInfo pod, string? backendPort)
    {
        var sp = ServicePort(app, backendPort);
        if (sp is null)
        {
            return int.TryParse(backendPort, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 80;
        }

        if (sp.TargetPort is null)
        {
            return sp.Port;
        }

        if (int.TryParse(sp.TargetPort, NumberStyles.None, CultureInfo.InvariantCulture, out var t))
        {
            return t;
        }

        return pod.Containers.SelectMany(c => c.Ports).FirstOrDefault(p => p.Name == sp.TargetPort)?.Port ?? sp.Port;
    }
}
