using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Access;

/// <summary>
/// Cuts a snapshot down to what one user may see (Auth:ScopeByRbac): objects of the allowed namespaces, and
/// cluster-scoped kinds (nodes, ingress classes, Calico pools) only with the matching cluster-wide right.
/// Every view (pages, REST, hub, exports) reads the cut snapshot, so nothing else needs to know about scoping.
/// </summary>
public static class SnapshotScope
{
    public static ClusterSnapshot Restrict(ClusterSnapshot snapshot, IReadOnlySet<string> namespaces, bool clusterScoped)
    {
        bool In(IClusterObject o) => namespaces.Contains(o.Key.Namespace);
        KindCollection<T> Keep<T>(KindCollection<T> c, Func<T, bool> keep) where T : IClusterObject =>
            new(c.ByKey.Where(kv => keep(kv.Value)).ToImmutableDictionary());

        var scoped = snapshot with
        {
            Nodes = clusterScoped ? snapshot.Nodes : KindCollection<NodeInfo>.Empty,
            Namespaces = Keep(snapshot.Namespaces, n => namespaces.Contains(n.Name)),
            Pods = Keep(snapshot.Pods, In),
            Services = Keep(snapshot.Services, In),
            Endpoints = Keep(snapshot.Endpoints, In),
            NetworkPolicies = Keep(snapshot.NetworkPolicies, In),
            Ingresses = Keep(snapshot.Ingresses, In),
            IngressClasses = clusterScoped ? snapshot.IngressClasses : KindCollection<IngressClassInfo>.Empty,
            Workloads = Keep(snapshot.Workloads, In),
            ConfigMaps = Keep(snapshot.ConfigMaps, In),
            IpPools = clusterScoped ? snapshot.IpPools : KindCollection<IpPoolInfo>.Empty,
            BgpConfigurations = clusterScoped ? snapshot.BgpConfigurations : KindCollection<BgpConfigurationInfo>.Empty,
        };
        var counts = new Dictionary<string, int>
        {
            [ResourceKind.Nodes] = scoped.Nodes.Count,
            [ResourceKind.Namespaces] = scoped.Namespaces.Count,
            [ResourceKind.Pods] = scoped.Pods.Count,
            [ResourceKind.Services] = scoped.Services.Count,
            [ResourceKind.Endpoints] = scoped.Endpoints.Count,
            [ResourceKind.NetworkPolicies] = scoped.NetworkPolicies.Count,
            [ResourceKind.Ingresses] = scoped.Ingresses.Count,
            [ResourceKind.IngressClasses] = scoped.IngressClasses.Count,
            [ResourceKind.DaemonSets] = scoped.Workloads.Count(w => w.Kind == "DaemonSet"),
            [ResourceKind.Deployments] = scoped.Workloads.Count(w => w.Kind == "Deployment"),
            [ResourceKind.StatefulSets] = scoped.Workloads.Count(w => w.Kind == "StatefulSet"),
            [ResourceKind.ConfigMaps] = scoped.ConfigMaps.Count,
            [ResourceKind.IpPools] = scoped.IpPools.Count,
            [ResourceKind.BgpConfigurations] = scoped.BgpConfigurations.Count,
        };
        return scoped with
        {
            Kinds = snapshot.Kinds.ToImmutableDictionary(kv => kv.Key, kv => counts.TryGetValue(kv.Key, out var n) ? kv.Value with { Count = n, Loaded = Math.Min(kv.Value.Loaded, n) } : kv.Value),
        };
    }
}
