using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.ClientIp.Gateway;

/// <summary>
/// One rule of a route accepted by one Gateway listener, with its backends: the unit the client-IP analysis draws a
/// path for. <see cref="RouteId"/> is the report route's id ("http/httproute/dev/myapp/0"), also used in page URLs.
/// </summary>
public sealed record GatewayRuleRef(GatewayListenerResolution Listener, GatewayRouteInfo Route, int RuleIndex, ImmutableArray<GatewayBackend> Backends)
{
    public string RouteId => $"{Listener.Listener.Name}/{GatewayRouteKinds.KindName(Route.Kind).ToLowerInvariant()}/{Route.Namespace}/{Route.Name}/{RuleIndex}";

    /// <summary>The first backend that is an allowed Service in the snapshot: the one the path is drawn to.</summary>
    public GatewayBackend? Primary => Backends.FirstOrDefault(b => b.Service is not null && b.Allowed && b.Problem is null);

    /// <summary>HTTPRoute and GRPCRoute are proxied at L7 (headers); TCP, TLS and UDP routes are relayed at L4.</summary>
    public bool IsHttp => Route.Kind is GatewayRouteKind.HttpRoute or GatewayRouteKind.GrpcRoute;

    public string Describe()
    {
        var rule = Route.Rules.Length > RuleIndex ? Route.Rules[RuleIndex] : null;
        var name = rule?.Name is { Length: > 0 } n ? $"rule {n}" : $"rule {RuleIndex}";
        var matches = rule is null || rule.Matches.IsDefaultOrEmpty ? "" : $" ({string.Join("; ", rule.Matches)})";
        return $"listener {Listener.Listener.Name} → {GatewayRouteKinds.KindName(Route.Kind)} {Route.Namespace}/{Route.Name} {name}{matches}";
    }

    /// <summary>Every accepted route rule of every listener, in listener order, then route namespace/name, then rule.</summary>
    public static IEnumerable<GatewayRuleRef> All(GatewayResolution resolution)
    {
        foreach (var listener in resolution.Listeners)
        {
            foreach (var attachment in listener.Routes.Where(a => a.Accepted)
                .OrderBy(a => a.Route.Namespace, StringComparer.Ordinal).ThenBy(a => a.Route.Name, StringComparer.Ordinal).ThenBy(a => a.Route.Kind))
            {
                for (var i = 0; i < attachment.Route.Rules.Length; i++)
                {
                    yield return new GatewayRuleRef(listener, attachment.Route, i, [.. attachment.Backends.Where(b => b.RuleIndex == i)]);
                }
            }
        }
    }
}
