using System.Globalization;
using ClusterNet.Core.ClientIp.Gateway;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Topology;

/// <summary>
/// Gateways on the graph: one VIP element per Gateway (id gw/NS/NAME, label name and address) with an edge to the
/// Service in front of its proxy pods and one to every backend Service its accepted routes send to. Edges go only to
/// Services drawn (ClusterIP Services; ExternalName and headless are not VIPs).
/// </summary>
internal static class GatewayGraphWriter
{
    public static void Add(ClusterSnapshot snapshot, List<TopologyElement> elements, List<TopologyEdge> edges)
    {
        if (snapshot.Gateways.Count == 0)
        {
            return;
        }

        var drawn = elements.Where(e => e.Kind == ElementKind.Service).Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var gateway in snapshot.Gateways)
        {
            var resolution = GatewayResolver.Resolve(snapshot, gateway);
            var id = ElementIds.Gateway(gateway.Namespace, gateway.Name);
            var front = resolution.DataPlane.FrontService;
            var address = Address(gateway, front);
            var listeners = string.Join(", ", gateway.Listeners.Select(l => $"{l.Name} {l.Protocol}/{l.Port.ToString(CultureInfo.InvariantCulture)}"));
            elements.Add(new TopologyElement
            {
                Id = id,
                Kind = ElementKind.Gateway,
                Label = address is null ? gateway.Name : $"{gateway.Name} {address}",
                Namespace = gateway.Namespace,
                Data = GraphWriter.Map(
                    ("gatewayClass", gateway.GatewayClassName),
                    ("implementation", resolution.DescribeImplementation()),
                    ("listeners", listeners.Length == 0 ? null : listeners),
                    ("address", address),
                    ("dataPlane", front is null ? "not found" : $"Service {front.Namespace}/{front.Name} ({front.Type}, externalTrafficPolicy {front.ExternalTrafficPolicy ?? (front.Type is "LoadBalancer" or "NodePort" ? "Cluster" : "-")})"),
                    ("dataPlanePods", resolution.DataPlane.Pods.IsEmpty ? null : string.Join(", ", resolution.DataPlane.Pods.Select(p => $"{p.Namespace}/{p.Name}")))),
                Labels = gateway.Labels.Count == 0 ? AttributeMap.Empty : AttributeMap.From(gateway.Labels),
            });

            if (front is not null && drawn.Contains(ElementIds.Service(front.Namespace, front.Name)))
            {
                var target = ElementIds.Service(front.Namespace, front.Name);
                edges.Add(new TopologyEdge { Id = TopologyEdge.MakeId(EdgeKind.GatewayDataPlane, id, target), Kind = EdgeKind.GatewayDataPlane, Source = id, Target = target, Label = front.Type });
            }

            var routes = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var rule in GatewayRuleRef.All(resolution))
            {
                foreach (var backend in rule.Backends.Where(b => b.Service is not null && b.Allowed))
                {
                    var target = ElementIds.Service(backend.Target.Namespace, backend.Target.Name);
                    if (!drawn.Contains(target))
                    {
                        continue;
                    }

                    var label = $"{rule.Listener.Listener.Name}: {GatewayRouteKinds.KindName(rule.Route.Kind)} {rule.Route.Name}";
                    var list = routes.TryGetValue(target, out var l) ? l : routes[target] = [];
                    if (!list.Contains(label))
                    {
                        list.Add(label);
                    }
                }
            }

            foreach (var (target, labels) in routes.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                edges.Add(new TopologyEdge
                {
                    Id = TopologyEdge.MakeId(EdgeKind.GatewayRoute, id, target),
                    Kind = EdgeKind.GatewayRoute,
                    Source = id,
                    Target = target,
                    Label = string.Join("; ", labels),
                });
            }
        }
    }

    /// <summary>status.addresses first (what the implementation assigned), else the front Service's load-balancer address.</summary>
    private static string? Address(GatewayInfo gateway, ServiceInfo? front) =>
        gateway.StatusAddresses.Select(a => a.Value).FirstOrDefault(v => v.Length > 0)
        ?? front?.LoadBalancerIngress.Select(i => i.Ip ?? i.Hostname).FirstOrDefault(a => a is not null)
        ?? front?.ExternalIps.FirstOrDefault();
}
