using System.Net;
using ClusterNet.Core.Model;

namespace ClusterNet.Web.Views;

/// <summary>
/// The Cluster page's filters as pure functions: namespace (exact) and text, which matches names, namespace/name, IPs,
/// node names and labels (key=value) case-insensitively; text that is a CIDR matches addresses inside it.
/// </summary>
public static class ClusterFilter
{
    public static IEnumerable<NodeInfo> Nodes(ClusterSnapshot s, string? text)
    {
        var match = Matcher(text);
        return s.Nodes.Where(n => match(n.Name, n.Addresses.Select(a => a.Address).Concat(n.PodCidrs), n.Labels));
    }

    public static IEnumerable<PodInfo> Pods(ClusterSnapshot s, string? @namespace, string? text)
    {
        var match = Matcher(text);
        // One namespace is a range of the ordered collection (found by binary search): at 50,000 pods a scan of every
        // pod per live change was a visible part of the page's latency.
        IEnumerable<PodInfo> pods = string.IsNullOrEmpty(@namespace) ? s.Pods : s.Pods.InNamespace(@namespace);
        return pods.Where(p => match($"{p.Namespace}/{p.Name}", p.PodIps.Concat([p.NodeName ?? "", p.HostIp ?? "", p.Phase]), p.Labels));
    }

    public static IEnumerable<ServiceInfo> Services(ClusterSnapshot s, string? @namespace, string? text)
    {
        var match = Matcher(text);
        return s.Services.Where(v => (string.IsNullOrEmpty(@namespace) || v.Namespace == @namespace)
            && match($"{v.Namespace}/{v.Name}", v.ClusterIps.Concat(v.ExternalIps).Concat(v.LoadBalancerIngress.Select(i => i.Ip ?? i.Hostname ?? "")).Append(v.Type), v.Labels));
    }

    /// <summary>Namespaces to offer in the filter: declared ones plus any that objects use.</summary>
    public static IReadOnlyList<string> Namespaces(ClusterSnapshot s) =>
        [.. s.Namespaces.Select(n => n.Name).Concat(s.Pods.NamespaceNames).Concat(s.Services.NamespaceNames).Distinct().Order(NaturalStringComparer.Instance)];

    private static Func<string, IEnumerable<string>, IReadOnlyDictionary<string, string>, bool> Matcher(string? text)
    {
        var q = text?.Trim() ?? "";
        if (q.Length == 0)
        {
            return static (_, _, _) => true;
        }

        if (q.Contains('/') && IPNetwork.TryParse(q, out var network))
        {
            return (_, values, _) => values.Any(v => IPAddress.TryParse(v, out var ip) ? network.Contains(ip) : v == q);
        }

        return (name, values, labels) =>
            name.Contains(q, StringComparison.OrdinalIgnoreCase)
            || values.Any(v => v.Contains(q, StringComparison.OrdinalIgnoreCase))
            || labels.Any(kv => $"{kv.Key}={kv.Value}".Contains(q, StringComparison.OrdinalIgnoreCase));
    }
}
