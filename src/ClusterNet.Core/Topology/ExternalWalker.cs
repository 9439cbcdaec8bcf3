using System.Collections.Immutable;
using System.Globalization;
using ClusterNet.Core.ClientIp;
using ClusterNet.Core.ClientIp.Gateway;
using ClusterNet.Core.Facts;
using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;

namespace ClusterNet.Core.Topology;

/// <summary>
/// A packet from outside the cluster through a Gateway to a backend pod (<c>from=external&amp;to=gw/NS/NAME</c>): client →
/// the gateway's load balancer / NodePort → the receiving node (kube-proxy DNAT to a gateway pod; masquerade under
/// externalTrafficPolicy Cluster) → [the gateway pod's node] → the gateway pod, which terminates the connection; then a
/// new connection from the gateway pod straight to an endpoint of the backend Service (no ClusterIP: the proxy picks the
/// endpoint itself), walked as any pod-to-pod packet. <c>port</c> selects the listener; <c>endpoint</c> the backend pod.
/// </summary>
internal static class ExternalWalker
{
    public static PacketWalkResult Walk(TopologyGraph graph, PacketWalkQuery request, IPacketPolicyJudge? policy)
    {
        var snapshot = graph.Snapshot;
        var protocol = request.Protocol;
        var fail = new PacketWalkResult { From = request.From, To = request.To, Port = request.Port, Protocol = protocol };
        if (!request.To.StartsWith(PacketWalkQuery.GatewayPrefix, StringComparison.Ordinal))
        {
            return fail with { Error = $"to: from=external walks through a Gateway: give to={PacketWalkQuery.GatewayPrefix}namespace/name, got '{request.To}'" };
        }

        var key = ObjectKey.Parse(request.To[PacketWalkQuery.GatewayPrefix.Length..]);
        var gateway = key.Namespace.Length == 0 ? null : snapshot.Gateways.Get(key);
        if (gateway is null)
        {
            return fail with { Error = $"to: Gateway {request.To[PacketWalkQuery.GatewayPrefix.Length..]} not found (expected {PacketWalkQuery.GatewayPrefix}namespace/name)" };
        }

        var resolution = GatewayResolver.Resolve(snapshot, gateway);
        var listener = resolution.Listeners.FirstOrDefault(l => l.Listener.Port == request.Port);
        if (listener is null)
        {
            var ports = string.Join(", ", gateway.Listeners.Select(l => $"{l.Name} {l.Port.ToString(CultureInfo.InvariantCulture)}"));
            return fail with { Error = $"port: Gateway {gateway.Namespace}/{gateway.Name} has no listener on port {request.Port.ToString(CultureInfo.InvariantCulture)} (listeners: {(ports.Length == 0 ? "none" : ports)})" };
        }

        var notes = new List<string>();
        var rules = GatewayRuleRef.All(resolution).Where(r => r.Listener == listener && r.Primary is not null).ToList();
        if (rules.Count == 0)
        {
            return fail with { Error = $"to: listener {listener.Listener.Name} of Gateway {gateway.Namespace}/{gateway.Name} has no accepted route with a Service backend in the snapshot" };
        }

        var rule = rules[0];
        if (rules.Count > 1)
        {
            notes.Add($"{rules.Count.ToString(CultureInfo.InvariantCulture)} route rules on listener {listener.Listener.Name}; walking {rule.Describe()}");
        }

        var backendService = rule.Primary!.Service!;
        var backendPort = rule.Primary.Ref.Port ?? backendService.Ports.FirstOrDefault()?.Port ?? 80;
        var backendProtocol = backendService.Ports.FirstOrDefault(p => p.Port == backendPort)?.Protocol ?? "TCP";
        var chosen = ServiceResolver.Choose(snapshot, backendService, backendPort, backendProtocol, request.Endpoint, notes);
        if (chosen.Error is not null)
        {
            return fail with { Error = $"to: backend {chosen.Error}" };
        }

        var front = resolution.DataPlane.FrontService;
        if (front is null || ServiceTrafficPolicies.Of(front) == ServiceTrafficPolicy.NotExternal)
        {
            return fail with { Error = $"to: Gateway {gateway.Namespace}/{gateway.Name} has no LoadBalancer, NodePort or externalIPs Service in the snapshot ({string.Join("; ", resolution.DataPlane.Evidence)}): the way in is unknown" };
        }

        var frontPort = front.Ports.FirstOrDefault(p => p.Port == request.Port) ?? front.Ports.FirstOrDefault();
        var proxy = ServiceResolver.Choose(snapshot, front, frontPort?.Port ?? request.Port, frontPort?.Protocol ?? "TCP", null, notes);
        if (proxy.Error is not null)
        {
            return fail with { Error = $"to: gateway {proxy.Error}" };
        }

        var gatewayPod = proxy.Pod!;
        var backendPod = chosen.Pod!;
        if (gatewayPod.PodIp is null || backendPod.PodIp is null || gatewayPod.NodeName is null || !graph.Nodes.ContainsKey(gatewayPod.NodeName)
            || backendPod.NodeName is null || !graph.Nodes.ContainsKey(backendPod.NodeName))
        {
            var which = gatewayPod.PodIp is null || gatewayPod.NodeName is null || !graph.Nodes.ContainsKey(gatewayPod.NodeName) ? gatewayPod : backendPod;
            return fail with { Error = $"pod {which.Namespace}/{which.Name} has no IP or is not on a node in the snapshot" };
        }

        var hops = new List<PacketHop>();
        var local = ServiceTrafficPolicies.Of(front) == ServiceTrafficPolicy.Local;
        var podNode = graph.Nodes[gatewayPod.NodeName];
        var receiving = local ? podNode : Receiving(snapshot, graph) ?? podNode;
        var client = ExternalEntryBuilder.ExampleClient;
        var vip = front.Type == "LoadBalancer"
            ? front.LoadBalancerIngress.Select(i => i.Ip ?? i.Hostname).FirstOrDefault(a => a is not null) ?? "(load balancer address not assigned)"
            : front.Type == "NodePort" ? receiving.NodeIp ?? receiving.Name : front.ExternalIps.FirstOrDefault() ?? "?";
        var vipPort = front.Type == "NodePort" ? frontPort?.NodePort ?? request.Port : request.Port;
        var gatewayId = ElementIds.Gateway(gateway.Namespace, gateway.Name);
        var nic = graph.Options.NicDisplayName;
        var implementation = GatewayImplementations.DisplayName(resolution.Implementation);
        void Add(string action, string? node, string? element, string iface, string detail, ImmutableArray<HeaderLayer> headers, int? mtu = null) =>
            hops.Add(new PacketHop { Index = hops.Count, Node = node, ElementId = element, Interface = iface, Action = action, Detail = detail, Headers = headers, Mtu = mtu });

        Add("send", null, gatewayId, "internet", $"client {client} (example) → {vip}:{vipPort.ToString(CultureInfo.InvariantCulture)}: Gateway {gateway.Namespace}/{gateway.Name} listener {listener.Listener.Name} ({listener.Listener.Protocol}), exposed by Service {front.Namespace}/{front.Name} ({front.Type})",
            [Ip(client, vip, protocol), L4(protocol, vipPort)]);
        var source = local ? client : receiving.NodeIp ?? receiving.Name;
        var lbText = front.Type == "LoadBalancer" ? $"the load balancer sends it to node {receiving.Name}" + (local ? " (a node with a ready gateway pod: externalTrafficPolicy Local)" : "") + "; " : "";
        Add(local ? "dnat" : "dnat+snat", receiving.Name, ElementIds.Nic(receiving.Name), nic,
            lbText + $"kube-proxy DNATs {vip}:{vipPort.ToString(CultureInfo.InvariantCulture)} → {gatewayPod.PodIp}:{proxy.TargetPort.ToString(CultureInfo.InvariantCulture)} ({gatewayPod.Namespace}/{gatewayPod.Name})"
            + (local ? "; externalTrafficPolicy Local: the client's source address is kept" : $"; externalTrafficPolicy Cluster: MASQUERADE, the source becomes {source}"),
            [Ip(source, gatewayPod.PodIp, protocol), L4(protocol, proxy.TargetPort)], graph.Options.NicMtu);
        if (receiving.Name != podNode.Name)
        {
            Add("forward", podNode.Name, ElementIds.Nic(podNode.Name), nic,
                $"the gateway pod runs on {podNode.Name}: {receiving.Name} forwards the packet over the pod network (encapsulated as any pod-to-pod packet under {graph.Flannel?.BackendType ?? graph.Cni.Name})",
                [Ip(source, gatewayPod.PodIp, protocol), L4(protocol, proxy.TargetPort)]);
        }

        Add("deliver", podNode.Name, ElementIds.Veth(gatewayPod.Namespace, gatewayPod.Name), DataPlane.VethName(graph.Cni.Name, gatewayPod), "routed to the gateway pod's veth",
            [Ip(source, gatewayPod.PodIp, protocol), L4(protocol, proxy.TargetPort)], graph.PodMtu);
        Add("terminate", podNode.Name, ElementIds.Pod(gatewayPod.Namespace, gatewayPod.Name), "eth0",
            $"{implementation} terminates the connection (it sees {source}) and opens a new one to {backendService.Namespace}/{backendService.Name}'s endpoint {backendPod.Namespace}/{backendPod.Name} itself (no ClusterIP, no kube-proxy)"
            + (rule.IsHttp ? "; the client address travels on only in X-Forwarded-For (see the Client IP page)" : ""),
            [Ip(source, gatewayPod.PodIp, protocol), L4(protocol, proxy.TargetPort)]);

        // The second connection: gateway pod → backend pod, as any pod-to-pod packet.
        var leg = new WalkRecorder(graph, gatewayPod, backendPod, null, chosen.TargetPort, chosen.TargetPort, backendProtocol, notes);
        leg.Run();
        foreach (var hop in leg.Hops)
        {
            hops.Add(hop with { Index = hops.Count });
        }

        PacketPolicyVerdict? verdict = null;
        if (policy is not null)
        {
            verdict = policy.Judge(snapshot, gatewayPod, backendPod, chosen.TargetPort, backendProtocol);
            var qualifier = ClusterFacts.Of(snapshot).Enforcement.Qualifier;
            verdict = verdict with { Enforced = verdict.Enforced ?? graph.Cni.EnforcesPolicy, Qualifier = qualifier };
            notes.Add($"the policy verdict is for the gateway pod {gatewayPod.Namespace}/{gatewayPod.Name} → {backendPod.Namespace}/{backendPod.Name}: NetworkPolicy on the backend must admit the gateway pods, not the client");
            if (graph.Cni.EnforcesPolicy == false && verdict.Verdict != ReachVerdict.Allowed)
            {
                notes.Add($"policy verdict {verdict.Text}, {qualifier}: the packet gets through");
            }
        }
        else
        {
            notes.Add("NetworkPolicy verdict not evaluated (no policy engine given)");
        }

        var walked = hops.ToImmutableArray();
        return new PacketWalkResult
        {
            From = request.From,
            To = request.To,
            Port = request.Port,
            Protocol = protocol,
            SourceIp = client,
            ServiceIp = vip,
            Endpoint = $"{backendPod.Namespace}/{backendPod.Name}",
            DestinationIp = backendPod.PodIp,
            DestinationPort = chosen.TargetPort,
            SameNode = false,
            Mode = leg.Mode,
            Hops = walked,
            PathElementIds = [.. walked.Select(h => h.ElementId).OfType<string>().Distinct(StringComparer.Ordinal)],
            PathEdgeIds = PacketWalker.EdgesAlong(graph, walked),
            PathMtu = Math.Min(leg.PathMtu, graph.Options.NicMtu),
            Overhead = leg.Overhead,
            MaxPayload = Math.Min(leg.PathMtu, graph.Options.NicMtu) - 20 - (backendProtocol == "UDP" ? 8 : backendProtocol == "SCTP" ? 28 : 20),
            MtuExplanation = "the gateway terminates the client's connection: each leg has its own MTU; the second leg: " + leg.MtuExplanation,
            Policy = verdict,
            Notes = [$"client address {client} is an example", .. notes],
        };
    }

    /// <summary>The node a load balancer would pick under externalTrafficPolicy Cluster: the first worker by name.</summary>
    private static NodeNetwork? Receiving(ClusterSnapshot snapshot, TopologyGraph graph) =>
        snapshot.Nodes
            .Where(n => graph.Nodes.ContainsKey(n.Name))
            .OrderBy(n => n.Labels.ContainsKey(EndpointPlacement.ExcludeFromLbLabel) || n.Labels.Keys.Any(k => k is "node-role.kubernetes.io/control-plane" or "node-role.kubernetes.io/master") ? 1 : 0)
            .ThenBy(n => n.Name, StringComparer.Ordinal)
            .Select(n => graph.Nodes[n.Name])
            .FirstOrDefault();

    private static HeaderLayer Ip(string src, string dst, string protocol) =>
        new("IPv4", 20, [new("src", src), new("dst", dst), new("protocol", protocol switch { "UDP" => "UDP (17)", "SCTP" => "SCTP (132)", _ => "TCP (6)" })]);

    private static HeaderLayer L4(string protocol, int dport) =>
        new(protocol, protocol switch { "UDP" => 8, "SCTP" => 12, _ => 20 }, [new("src port", "ephemeral"), new("dst port", dport.ToString(CultureInfo.InvariantCulture))]);
}
