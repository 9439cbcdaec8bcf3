using ClusterNet.Core.Model;

namespace ClusterNet.Core.ClientIp;

/// <summary>
/// The outside-in hops for a Service: client → [load balancer] → node → [another node] → (backend).
/// Facts it encodes: with externalTrafficPolicy Cluster kube-proxy masquerades external traffic to the receiving
/// node's address (iptables and IPVS modes, also when the endpoint is local; the seed notes' "may be the client
/// IP" does not happen with kube-proxy); with Local only nodes holding a ready endpoint take traffic (the load
/// balancer health-checks healthCheckNodePort) and the source is kept; a proxying load balancer replaces the
/// source before any node sees it; load balancers that target pod IPs bypass nodes and the policy.
/// </summary>
internal static class ExternalEntryBuilder
{
    public const string ExampleClient = "203.0.113.7";

    public static ExternalEntry Build(ClusterSnapshot snapshot, ServiceInfo service, ExternalEntryMode mode, EndpointPlacement placement)
    {
        var policy = service.ExternalTrafficPolicy ?? "Cluster";
        var local = string.Equals(policy, "Local", StringComparison.Ordinal);
        var hops = new List<ClientIpHop>
        {
            new() { Id = "client", Kind = ClientIpHopKind.Client, Label = "Client", Address = $"{ExampleClient} (example)" },
        };
        var source = BackendSees.Client;
        LoadBalancerProfile? lb = null;
        var why = "";
        if (mode == ExternalEntryMode.LoadBalancer)
        {
            lb = LoadBalancerDetector.Detect(service, snapshot);
            var address = service.LoadBalancerIngress.Select(i => i.Ip ?? i.Hostname).FirstOrDefault(a => a is not null) ?? "address not assigned yet";
            var headers = new List<string>();
            if (lb.Layer == LoadBalancerLayer.L7)
            {
                headers.Add("X-Forwarded-For: <client> (appended)");
            }

            if (lb.ProxyProtocol)
            {
                headers.Add("PROXY protocol preamble: <client>");
            }

            string? detail = null;
            if (local && !lb.TargetsPods)
            {
                var hc = service.HealthCheckNodePort is { } p ? p.ToString(System.Globalization.CultureInfo.InvariantCulture) : "(allocated by the API server; not in this snapshot)";
                detail = $"Health-checks healthCheckNodePort {hc} on every node; only nodes with a ready endpoint answer 200 ({List(placement.NodesWithEndpoints)}).";
            }
            else if (lb.TargetsPods)
            {
                detail = "Sends to pod IPs directly: no node, no kube-proxy, externalTrafficPolicy does not apply.";
            }

            hops.Add(new ClientIpHop
            {
                Id = "lb",
                Kind = ClientIpHopKind.LoadBalancer,
                Label = lb.Product,
                Address = address,
                SeesSource = $"client {ExampleClient}",
                Snat = !lb.PreservesSource,
                SnatReason = lb.Layer switch
                {
                    LoadBalancerLayer.L4Proxy => $"terminates TCP and connects from its own address ({lb.OwnAddresses})",
                    LoadBalancerLayer.L7 => $"terminates HTTP and connects from its own address ({lb.OwnAddresses})",
                    _ => null,
                },
                AddsHeaders = [.. headers],
                Detail = detail,
            });
            if (!lb.PreservesSource)
            {
                source = BackendSees.LoadBalancer;
                why = $"the {lb.Product} connects from its own address";
            }

            if (lb.TargetsPods)
            {
                return new ExternalEntry
                {
                    Hops = [.. hops],
                    BackendSees = source,
                    BackendSeesText = SeesText(source, lb, snapshot, placement),
                    Policy = policy,
                    LoadBalancer = lb,
                    ProxyProtocol = lb.ProxyProtocol,
                    AddsXForwardedFor = lb.Layer == LoadBalancerLayer.L7,
                    Why = why.Length > 0 ? why + " straight to the pods" : $"the {lb.Product} sends to pod IPs directly, keeping the client address",
                };
            }
        }

        var nodesWith = placement.NodesWithEndpoints;
        var example = ExampleNode(snapshot, local ? nodesWith.FirstOrDefault() : null);
        var entryName = mode switch
        {
            ExternalEntryMode.NodePort => $"NodePort {string.Join(", ", service.Ports.Where(p => p.NodePort is not null).Select(p => p.NodePort!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)))}".TrimEnd(),
            ExternalEntryMode.ExternalIp => $"external IP {string.Join(", ", service.ExternalIps)}",
            _ => "node",
        };
        var seen = source == BackendSees.Client ? $"client {ExampleClient}" : $"the load balancer ({lb!.OwnAddresses})";
        if (local)
        {
            hops.Add(new ClientIpHop
            {
                Id = "node",
                Kind = ClientIpHopKind.Node,
                Label = nodesWith.Length > 0 ? $"Node with a ready endpoint ({List(nodesWith)})" : "Node with a ready endpoint (none right now)",
                Address = example,
                SeesSource = seen,
                Detail = $"{entryName}: kube-proxy sends only to endpoints on this node (externalTrafficPolicy Local): DNAT, no SNAT." +
                    (mode == ExternalEntryMode.NodePort && placement.EligibleWithoutEndpoints.Length > 0 ? $" Connections to {List(placement.EligibleWithoutEndpoints)} are dropped." : ""),
            });
            if (why.Length == 0)
            {
                why = "externalTrafficPolicy Local keeps the source address";
            }

            return new ExternalEntry
            {
                Hops = [.. hops],
                BackendSees = source,
                BackendSeesText = SeesText(source, lb, snapshot, placement),
                Policy = policy,
                LoadBalancer = lb,
                ProxyProtocol = lb?.ProxyProtocol ?? false,
                AddsXForwardedFor = lb?.Layer == LoadBalancerLayer.L7,
                Why = why,
            };
        }

        hops.Add(new ClientIpHop
        {
            Id = "node",
            Kind = ClientIpHopKind.Node,
            Label = "Any node (kube-proxy on every node)",
            Address = example,
            SeesSource = seen,
            Snat = true,
            SnatReason = "externalTrafficPolicy Cluster: kube-proxy masquerades external traffic to this node's address, even when the endpoint runs here, so replies return through it",
            Detail = $"{entryName}: DNAT to any ready endpoint in the cluster.",
        });
        hops.Add(new ClientIpHop
        {
            Id = "other-node",
            Kind = ClientIpHopKind.Node,
            Label = "Node running the chosen endpoint",
            Address = nodesWith.Length > 0 ? List(nodesWith) : null,
            SeesSource = "the receiving node",
            Conditional = true,
            Detail = "Only when the endpoint is on another node: one more hop over the pod network.",
        });
        return new ExternalEntry
        {
            Hops = [.. hops],
            BackendSees = BackendSees.Node,
            BackendSeesText = SeesText(BackendSees.Node, lb, snapshot, placement),
            Policy = policy,
            LoadBalancer = lb,
            ProxyProtocol = lb?.ProxyProtocol ?? false,
            AddsXForwardedFor = lb?.Layer == LoadBalancerLayer.L7,
            Why = why.Length > 0
                ? why + ", and externalTrafficPolicy Cluster then SNATs it again to the receiving node's address"
                : "externalTrafficPolicy Cluster makes the receiving node SNAT every connection to its own address",
        };
    }

    public static string SeesText(BackendSees sees, LoadBalancerProfile? lb, ClusterSnapshot snapshot, EndpointPlacement placement) => sees switch
    {
        BackendSees.Client => $"the client's address (e.g. {ExampleClient})",
        BackendSees.LoadBalancer => $"the load balancer's own address ({lb?.OwnAddresses ?? "its internal address"})",
        _ => $"the receiving node's address (e.g. {ExampleNode(snapshot, null) ?? "a node IP"}; or that node's cni0/tunnel address when the endpoint is local)",
    };

    public static string? ExampleNode(ClusterSnapshot snapshot, string? preferred)
    {
        // Prefer a worker that a load balancer would use over a control-plane node as the example.
        var node = (preferred is null ? null : snapshot.Nodes.Get(ObjectKey.Cluster(preferred)))
            ?? snapshot.Nodes.Where(n => n.InternalIp is not null)
                .OrderBy(n => n.Labels.ContainsKey(EndpointPlacement.ExcludeFromLbLabel) || n.Labels.Keys.Any(k => k is "node-role.kubernetes.io/control-plane" or "node-role.kubernetes.io/master") ? 1 : 0)
                .FirstOrDefault();
        return node is null ? null : node.InternalIp is { } ip ? $"{node.Name} {ip}" : node.Name;
    }

    public static string List(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count switch
        {
            0 => "none",
            <= 5 => string.Join(", ", list),
            _ => $"{string.Join(", ", list.Take(5))} and {list.Count - 5} more",
        };
    }
}
