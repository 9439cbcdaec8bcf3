using System.Net;
using ClusterNet.Core.Model;

namespace ClusterNet.Web.Navigation;

/// <summary>
/// The global search: pods, services, nodes, namespaces, policies of every kind and Calico network sets by name (or ns/name), by IP address (pod, node, Service
/// ClusterIP/external/LB IP, and the node whose pod CIDR holds it) and by CIDR (nodes whose pod CIDR overlaps, pods inside).
/// Pure: a snapshot and a query in, ranked hits out.
/// </summary>
public static class ClusterSearch
{
    public static IReadOnlyList<SearchHit> Find(ClusterSnapshot snapshot, string? query, int max = 20)
    {
        var q = query?.Trim() ?? "";
        if (q.Length == 0)
        {
            return [];
        }

        IEnumerable<SearchHit> hits;
        if (IsFullAddress(q) && IPAddress.TryParse(q, out var ip))
        {
            hits = ByAddress(snapshot, ip);
        }
        else if (q.Contains('/') && IPNetwork.TryParse(q, out var network))
        {
            hits = ByNetwork(snapshot, network, q);
        }
        else
        {
            hits = ByName(snapshot, q);
        }

        return [.. hits.OrderBy(h => h.Rank).ThenBy(h => h.KindLabel, StringComparer.Ordinal).ThenBy(h => h.Title, StringComparer.Ordinal).Take(max)];
    }

    private static IEnumerable<SearchHit> ByAddress(ClusterSnapshot s, IPAddress ip)
    {
        var text = ip.ToString();
        foreach (var pod in s.Pods.Where(p => p.PodIps.Contains(text)))
        {
            yield return PodHit(pod, 0);
        }

        foreach (var node in s.Nodes.Where(n => n.Addresses.Any(a => a.Address == text)))
        {
            yield return NodeHit(node, 0);
        }

        foreach (var svc in s.Services.Where(v => v.ClusterIps.Contains(text) || v.ExternalIps.Contains(text) || v.LoadBalancerIngress.Any(i => i.Ip == text)))
        {
            yield return ServiceHit(svc, 0);
        }

        foreach (var node in s.Nodes.Where(n => n.PodCidrs.Any(c => IPNetwork.TryParse(c, out var net) && net.Contains(ip))))
        {
            yield return NodeHit(node, 1) with { Detail = $"pod CIDR {string.Join(", ", node.PodCidrs)} holds {text}" };
        }
    }

    private static IEnumerable<SearchHit> ByNetwork(ClusterSnapshot s, IPNetwork network, string text)
    {
        foreach (var node in s.Nodes.Where(n => n.PodCidrs.Any(c => IPNetwork.TryParse(c, out var net) && Overlaps(net, network))))
        {
            yield return NodeHit(node, 0) with { Detail = $"pod CIDR {string.Join(", ", node.PodCidrs)}" };
        }

        var pods = s.Pods.Where(p => p.PodIps.Any(a => IPAddress.TryParse(a, out var ip) && network.Contains(ip))).ToList();
        if (pods.Count > 0)
        {
            yield return new SearchHit("pods", $"{pods.Count} pod{(pods.Count == 1 ? "" : "s")} in {network}", "open the pod list filtered by this CIDR",
                Href: $"/cluster?tab=pods&q={Uri.EscapeDataString(text)}", Rank: 1);
            foreach (var pod in pods.Take(10))
            {
                yield return PodHit(pod, 2);
            }
        }
    }

    private static IEnumerable<SearchHit> ByName(ClusterSnapshot s, string q)
    {
        foreach (var pod in s.Pods)
        {
            if (Rank(q, pod.Name, $"{pod.Namespace}/{pod.Name}") is { } r)
            {
                yield return PodHit(pod, r);
            }
        }

        foreach (var svc in s.Services)
        {
            if (Rank(q, svc.Name, $"{svc.Namespace}/{svc.Name}") is { } r)
            {
                yield return ServiceHit(svc, r);
            }
        }

        foreach (var node in s.Nodes)
        {
            if (Rank(q, node.Name, node.Name) is { } r)
            {
                yield return NodeHit(node, r);
            }
        }

        foreach (var ns in s.Namespaces)
        {
            if (Rank(q, ns.Name, ns.Name) is { } r)
            {
                yield return new SearchHit("namespace", ns.Name, "namespace", new ObjectRef(ResourceKind.Namespaces, ns.Key), Rank: r + 1);
            }
        }

        foreach (var policy in Policies(s))
        {
            if (Rank(q, policy.Key.Name, policy.Key.ToString()) is { } r)
            {
                var kind = ResourceKinds.KindOf(policy);
                yield return new SearchHit(Shell.KindLabels.Short(kind), policy.Key.ToString(), kind, ObjectRef.Of(policy), Rank: r + 1);
            }
        }
    }

    /// <summary>Every policy kind the engine evaluates, and the network sets Calico rules select: found by name, opened in the details panel.</summary>
    private static IEnumerable<IClusterObject> Policies(ClusterSnapshot s) =>
        s.NetworkPolicies.Cast<IClusterObject>()
            .Concat(s.ClusterNetworkPolicies).Concat(s.AdminNetworkPolicies).Concat(s.BaselineAdminNetworkPolicies)
            .Concat(s.CalicoNetworkPolicies).Concat(s.CalicoGlobalNetworkPolicies)
            .Concat(s.CalicoNetworkSets).Concat(s.CalicoGlobalNetworkSets)
            .Concat(s.MultiNetworkPolicies);

    /// <summary>0 exact, 1 prefix, 2 contains, null no match (case-insensitive, on name or namespace/name).</summary>
    private static int? Rank(string q, string name, string qualified)
    {
        if (name.Equals(q, StringComparison.OrdinalIgnoreCase) || qualified.Equals(q, StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        if (name.StartsWith(q, StringComparison.OrdinalIgnoreCase) || qualified.StartsWith(q, StringComparison.OrdinalIgnoreCase))
        {
            return 1;
        }

        return qualified.Contains(q, StringComparison.OrdinalIgnoreCase) ? 2 : null;
    }

    // IPAddress.TryParse reads "10.2" as 10.0.0.2; while someone types, only a full dotted quad (or IPv6) is an address.
    private static bool IsFullAddress(string q) => q.Contains(':') || q.Count(c => c == '.') == 3;

    private static bool Overlaps(IPNetwork a, IPNetwork b) => a.Contains(b.BaseAddress) || b.Contains(a.BaseAddress);

    private static SearchHit PodHit(PodInfo pod, int rank) =>
        new("pod", $"{pod.Namespace}/{pod.Name}", $"{pod.PodIp ?? "no IP"} on {pod.NodeName ?? "unscheduled"}", ObjectRef.Of(pod), Rank: rank);

    private static SearchHit ServiceHit(ServiceInfo svc, int rank) =>
        new("service", $"{svc.Namespace}/{svc.Name}", $"{svc.Type} {svc.ClusterIp ?? ""}".Trim(), ObjectRef.Of(svc), Rank: rank);

    private static SearchHit NodeHit(NodeInfo node, int rank) =>
        new("node", node.Name, $"{node.InternalIp ?? "no address"} · pods {string.Join(", ", node.PodCidrs)}", ObjectRef.Of(node), Rank: rank);
}
