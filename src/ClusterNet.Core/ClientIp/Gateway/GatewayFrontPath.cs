using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.ClientIp.Gateway;

/// <summary>
/// How outside traffic reaches a Gateway's proxy pods: the outside-in hops of its front Service (client → load balancer →
/// node → other node) as for any Service, and the request scenario and Service policy the client-address predictor runs
/// with. <see cref="Entry"/> is null when the data plane has no externally reachable Service in the snapshot.
/// </summary>
internal sealed record GatewayFrontPath
{
    /// <summary>Example addresses when the snapshot has none (documentation ranges, RFC 5737).</summary>
    public const string ExampleNodeIp = "192.0.2.10";
    public const string ExampleLoadBalancerIp = "192.0.2.50";
    public const string ExampleGatewayPodIp = "10.244.0.10";

    public ExternalEntry? Entry { get; init; }
    public ServiceInfo? Service { get; init; }
    public required string Exposure { get; init; }
    public required GatewayRequestScenario Scenario { get; init; }
    public required ServiceTrafficPolicy Policy { get; init; }
    /// <summary>Proxies in front of the gateway that append to X-Forwarded-For (an L7 load balancer): what numTrustedHops should be.</summary>
    public int RealXffHops { get; init; }
    public string? GatewayPodIp { get; init; }
    public ImmutableArray<string> Notes { get; init; } = [];

    public static GatewayFrontPath Of(ClusterSnapshot snapshot, GatewayResolution resolution)
    {
        var notes = new List<string>();
        var dataPlane = resolution.DataPlane;
        var podIp = dataPlane.Pods.Select(p => p.PodIp).FirstOrDefault(ip => ip is not null);
        var node = NodeIp(snapshot, dataPlane);
        var scenarioPod = podIp ?? ExampleGatewayPodIp;
        if (node is null)
        {
            notes.Add($"no node address in the snapshot: {ExampleNodeIp} stands for the receiving node in the example");
        }

        var front = dataPlane.FrontService;
        var client = ExternalEntryBuilder.ExampleClient;
        if (front is null || ServiceTrafficPolicies.Of(front) == ServiceTrafficPolicy.NotExternal)
        {
            var exposure = front is null
                ? "not exposed by any Service found in the snapshot"
                : $"exposed only by the ClusterIP Service {front.Namespace}/{front.Name}";
            return new GatewayFrontPath
            {
                Service = front,
                Exposure = exposure,
                Scenario = new GatewayRequestScenario(client, node ?? ExampleNodeIp, scenarioPod),
                Policy = ServiceTrafficPolicy.NotExternal,
                GatewayPodIp = podIp,
                Notes = [.. notes],
            };
        }

        var mode = front.Type == "LoadBalancer" ? ExternalEntryMode.LoadBalancer : front.Type == "NodePort" ? ExternalEntryMode.NodePort : ExternalEntryMode.ExternalIp;
        var entry = ExternalEntryBuilder.Build(snapshot, front, mode, EndpointPlacement.Of(snapshot, front));
        // The masquerading node of the example is the one the drawn node hop names, so the addresses agree.
        if (entry.Hops.FirstOrDefault(h => h.Id == "node")?.Address?.Split(' ')[^1] is { } drawn && System.Net.IPAddress.TryParse(drawn, out var parsed)
            && parsed.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
        {
            node = drawn;
        }

        var lb = entry.LoadBalancer;
        var proxies = lb is not null && !lb.PreservesSource;
        if (proxies)
        {
            notes.Add($"the {lb!.Product} connects from its own addresses ({lb.OwnAddresses ?? "not known"}); {ExampleLoadBalancerIp} stands for them in the example");
        }

        if (resolution.Implementation == GatewayImplementation.Cilium)
        {
            notes.Add("Cilium hands Gateway traffic to the Envoy on the receiving node through eBPF; the Service's externalTrafficPolicy is modelled as kube-proxy applies it, which Cilium's datapath (kube-proxy replacement, DSR) may change");
        }

        // Pod-targeting load balancers skip the nodes, so externalTrafficPolicy does not apply to them.
        var policy = entry.BackendSees == BackendSees.Node ? ServiceTrafficPolicy.Cluster : ServiceTrafficPolicy.Local;
        return new GatewayFrontPath
        {
            Entry = entry,
            Service = front,
            Exposure = $"Service {front.Namespace}/{front.Name} ({front.Type}, externalTrafficPolicy {entry.Policy})",
            Scenario = new GatewayRequestScenario(client, node ?? ExampleNodeIp, scenarioPod,
                LoadBalancerSendsProxyProtocol: entry.ProxyProtocol,
                LoadBalancerIp: proxies ? ExampleLoadBalancerIp : null,
                LoadBalancerAppendsXff: entry.AddsXForwardedFor),
            Policy = policy,
            RealXffHops = entry.AddsXForwardedFor ? 1 : 0,
            GatewayPodIp = podIp,
            Notes = [.. notes],
        };
    }

    /// <summary>The node of a gateway pod if there is one, else any node: the example address a masquerading node writes.</summary>
    private static string? NodeIp(ClusterSnapshot snapshot, GatewayDataPlane dataPlane)
    {
        foreach (var name in dataPlane.Pods.Select(p => p.NodeName).OfType<string>())
        {
            if (snapshot.Nodes.Get(ObjectKey.Cluster(name))?.InternalIp is { } ip && !ip.Contains(':', StringComparison.Ordinal))
            {
                return ip;
            }
        }

        return snapshot.Nodes.Select(n => n.InternalIp).FirstOrDefault(ip => ip is not null && !ip.Contains(':', StringComparison.Ordinal));
    }
}
