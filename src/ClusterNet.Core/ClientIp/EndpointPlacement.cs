using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.ClientIp;

/// <summary>
/// Where a Service's ready endpoints run: the nodes holding at least one, the nodes a load balancer would use
/// (Ready, not labelled node.kubernetes.io/exclude-from-external-load-balancers) and which of those hold none.
/// An endpoint without nodeName is placed through its target pod.
/// </summary>
internal sealed record EndpointPlacement
{
    public const string ExcludeFromLbLabel = "node.kubernetes.io/exclude-from-external-load-balancers";

    public ImmutableArray<EndpointAddressInfo> ReadyEndpoints { get; init; } = [];
    public ImmutableDictionary<string, int> ReadyPerNode { get; init; } = ImmutableDictionary<string, int>.Empty;
    public ImmutableArray<string> EligibleNodes { get; init; } = [];
    public ImmutableArray<string> EligibleWithoutEndpoints { get; init; } = [];
    public int UnplacedReady { get; init; }
    /// <summary>False when neither endpoint objects nor matching pods are in the snapshot: placement is unknown.</summary>
    public bool HasEndpointData { get; init; }
    /// <summary>No EndpointSlices/Endpoints in the snapshot (typical for manifests): placement was taken from the ready or running pods the selector matches.</summary>
    public bool FromPods { get; init; }

    public ImmutableArray<string> NodesWithEndpoints => [.. ReadyPerNode.Keys.Order(StringComparer.Ordinal)];

    public static EndpointPlacement Of(ClusterSnapshot snapshot, ServiceInfo service)
    {
        var sets = snapshot.EndpointsOf(service).ToList();
        // Slices and core/v1 Endpoints may both be present for one Service: keep one entry per IP.
        var ready = sets.SelectMany(s => s.Addresses).Where(a => a.Ready).GroupBy(a => a.Ip).Select(g => g.First()).ToList();
        var fromPods = false;
        if (sets.Count == 0 && service.Selector is { Count: > 0 })
        {
            fromPods = true;
            ready = [.. snapshot.PodsSelectedBy(service)
                .Where(p => p.Ready || p.Phase == "Running")
                .Select(p => new EndpointAddressInfo(p.PodIp ?? "", p.NodeName, true, "Pod", p.Namespace, p.Name))];
        }
        var perNode = new Dictionary<string, int>(StringComparer.Ordinal);
        var unplaced = 0;
        foreach (var e in ready)
        {
            var node = e.NodeName;
            if (node is null && e.TargetName is not null)
            {
                node = snapshot.Pods.Get(e.TargetNamespace ?? service.Namespace, e.TargetName)?.NodeName;
            }

            if (node is null)
            {
                unplaced++;
                continue;
            }

            perNode[node] = perNode.GetValueOrDefault(node) + 1;
        }

        var eligible = snapshot.Nodes.Where(n => n.Ready != false && !n.Labels.ContainsKey(ExcludeFromLbLabel)).Select(n => n.Name).ToList();
        return new EndpointPlacement
        {
            ReadyEndpoints = [.. ready],
            ReadyPerNode = perNode.ToImmutableDictionary(StringComparer.Ordinal),
            EligibleNodes = [.. eligible],
            EligibleWithoutEndpoints = [.. eligible.Where(n => !perNode.ContainsKey(n))],
            UnplacedReady = unplaced,
            HasEndpointData = sets.Count > 0 || (fromPods && ready.Count > 0),
            FromPods = fromPods,
        };
    }
}
