using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.ClientIp.Gateway;

/// <summary>
/// Which routes a Gateway listener serves and where their rules send traffic, by the Gateway API's attachment rules:
/// a parentRef names the Gateway (group gateway.networking.k8s.io, kind Gateway, namespace defaulting to the route's),
/// its sectionName (if any) the listener and its port (if any) the listener's port; the listener allows the route's
/// kind (allowedRoutes.kinds, else the kinds its protocol carries) and namespace (allowedRoutes.namespaces.from: Same
/// by default, All; a Selector is not evaluated and said so). Hostname intersection is not checked.
/// A backend in another namespace needs a ReferenceGrant there from the route's kind and namespace to the Service.
/// </summary>
public static class GatewayRouteResolver
{
    public static ImmutableArray<GatewayRouteAttachment> Resolve(ClusterSnapshot snapshot, GatewayInfo gateway, GatewayListenerInfo listener)
    {
        var result = ImmutableArray.CreateBuilder<GatewayRouteAttachment>();
        foreach (var route in snapshot.GatewayRoutes)
        {
            if (!route.ParentRefs.Any(p => Names(p, route, gateway, listener)))
            {
                continue;
            }

            var (accepted, reason) = Accepts(gateway, listener, route);
            result.Add(new GatewayRouteAttachment
            {
                Route = route,
                Accepted = accepted,
                Reason = reason,
                Backends = accepted ? Backends(snapshot, route) : [],
            });
        }

        return result.ToImmutable();
    }

    private static bool Names(RouteParentRefInfo p, GatewayRouteInfo route, GatewayInfo gateway, GatewayListenerInfo listener) =>
        p.Group == "gateway.networking.k8s.io" && p.Kind == "Gateway" && p.Name == gateway.Name
        && (p.Namespace ?? route.Namespace) == gateway.Namespace
        && (p.SectionName is null || p.SectionName == listener.Name)
        && (p.Port is null || p.Port == listener.Port);

    /// <summary>The route kinds a listener protocol carries when allowedRoutes.kinds is empty.</summary>
    public static IReadOnlyList<string> KindsFor(string protocol) => protocol.ToUpperInvariant() switch
    {
        "HTTP" or "HTTPS" => ["HTTPRoute", "GRPCRoute"],
        "TLS" => ["TLSRoute"],
        "TCP" => ["TCPRoute"],
        "UDP" => ["UDPRoute"],
        _ => [],
    };

    private static (bool Accepted, string? Reason) Accepts(GatewayInfo gateway, GatewayListenerInfo listener, GatewayRouteInfo route)
    {
        var kind = GatewayRouteKinds.KindName(route.Kind);
        var kinds = listener.AllowedRouteKinds.IsDefaultOrEmpty ? KindsFor(listener.Protocol) : listener.AllowedRouteKinds;
        string? caveat = null;
        if (kinds.Count == 0)
        {
            caveat = $"listener protocol {listener.Protocol} is implementation-specific: which route kinds it accepts is assumed";
        }
        else if (!kinds.Contains(kind))
        {
            return (false, $"listener {listener.Name} ({listener.Protocol}) does not accept {kind}s (allowed: {string.Join(", ", kinds)})");
        }

        switch (listener.AllowedRoutesFrom ?? "Same")
        {
            case "Same" when route.Namespace != gateway.Namespace:
                return (false, $"listener {listener.Name} accepts routes from namespace {gateway.Namespace} only (allowedRoutes.namespaces.from: Same)");
            case "Selector":
                caveat = $"listener {listener.Name} accepts routes from namespaces matching a label selector, which ClusterNet does not evaluate: assumed to match";
                break;
        }

        return (true, caveat);
    }

    private static ImmutableArray<GatewayBackend> Backends(ClusterSnapshot snapshot, GatewayRouteInfo route)
    {
        var result = ImmutableArray.CreateBuilder<GatewayBackend>();
        for (var i = 0; i < route.Rules.Length; i++)
        {
            var rule = route.Rules[i];
            foreach (var b in rule.BackendRefs)
            {
                var target = new ObjectKey(b.Namespace ?? route.Namespace, b.Name);
                var backend = new GatewayBackend { RuleIndex = i, RuleName = rule.Name, Ref = b, Target = target };
                if (!(b.Group.Length == 0 && b.Kind == "Service"))
                {
                    result.Add(backend with { Problem = $"backend {b.Kind}{(b.Group.Length == 0 ? "" : "." + b.Group)} {target} is not a Service: its path is implementation-specific" });
                    continue;
                }

                var service = snapshot.Services.Get(target);
                var allowed = target.Namespace == route.Namespace || Granted(snapshot, route, target);
                string? problem = null;
                if (!allowed)
                {
                    problem = $"no ReferenceGrant in namespace {target.Namespace} lets {GatewayRouteKinds.KindName(route.Kind)}s from {route.Namespace} refer to Service {target.Name}: the implementation refuses this backend";
                }
                else if (service is null)
                {
                    problem = $"Service {target} is not in the snapshot";
                }

                result.Add(backend with { Service = service, Allowed = allowed, Problem = problem });
            }
        }

        return result.ToImmutable();
    }

    private static bool Granted(ClusterSnapshot snapshot, GatewayRouteInfo route, ObjectKey target)
    {
        var kind = GatewayRouteKinds.KindName(route.Kind);
        return snapshot.ReferenceGrants.Any(g => g.Namespace == target.Namespace
            && g.From.Any(f => f.Group == "gateway.networking.k8s.io" && f.Kind == kind && f.Namespace == route.Namespace)
            && g.To.Any(t => t.Group.Length == 0 && t.Kind == "Service" && (t.Name is null || t.Name == target.Name)));
    }
}
