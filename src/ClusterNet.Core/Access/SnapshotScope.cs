using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Access;

/// <summary>
/// Cuts a snapshot down to what one user may see (Auth:ScopeByRbac): objects of the allowed namespaces, and
/// cluster-scoped kinds (nodes, ingress classes, Calico pools, gateway classes) only with the matching cluster-wide right.
/// Every view (pages, REST, hub, exports) reads the cut snapshot, so nothing else needs to know about scoping.
/// </summary>
public static class SnapshotScope
{
    public static ClusterSnapshot Restrict(ClusterSnapshot snapshot, IReadOnlySet<string> namespaces, bool clusterScoped) =>
        Restrict(snapshot, namespaces.Contains, clusterScoped);

    /// <summary>
    /// Source diagnostics name objects of any namespace, so only users with the cluster-wide right keep them.
    /// With every namespace allowed and the cluster right, the snapshot itself is returned (nothing to hide).
    /// <paramref name="previous"/>: an earlier source snapshot and its cut with the same rights; kinds whose collection
    /// did not change are taken over from that cut by reference (cheap, and caches keyed by collection keep working).
    /// </summary>
    public static ClusterSnapshot Restrict(ClusterSnapshot snapshot, Func<string, bool> namespaceAllowed, bool clusterScoped, bool allNamespaces = false,
        (ClusterSnapshot Source, ClusterSnapshot Cut)? previous = null)
    {
        if (allNamespaces && clusterScoped)
        {
            return snapshot;
        }

        bool In(IClusterObject o) => allNamespaces || namespaceAllowed(o.Key.Namespace);
        KindCollection<T> Keep<T>(Func<ClusterSnapshot, KindCollection<T>> of, Func<T, bool> keep) where T : IClusterObject
        {
            var c = of(snapshot);
            if (allNamespaces)
            {
                return c;
            }

            return previous is { } p && ReferenceEquals(of(p.Source), c) ? of(p.Cut) : new(c.ByKey.Where(kv => keep(kv.Value)).ToImmutableDictionary());
        }

        var scoped = snapshot with
        {
            Nodes = clusterScoped ? snapshot.Nodes : KindCollection<NodeInfo>.Empty,
            Namespaces = Keep(s => s.Namespaces, n => namespaceAllowed(n.Name)),
            Pods = Keep(s => s.Pods, In),
            Services = Keep(s => s.Services, In),
            Endpoints = Keep(s => s.Endpoints, In),
            NetworkPolicies = Keep(s => s.NetworkPolicies, In),
            Ingresses = Keep(s => s.Ingresses, In),
            IngressClasses = clusterScoped ? snapshot.IngressClasses : KindCollection<IngressClassInfo>.Empty,
            Workloads = Keep(s => s.Workloads, In),
            ConfigMaps = Keep(s => s.ConfigMaps, In),
            IpPools = clusterScoped ? snapshot.IpPools : KindCollection<IpPoolInfo>.Empty,
            BgpConfigurations = clusterScoped ? snapshot.BgpConfigurations : KindCollection<BgpConfigurationInfo>.Empty,
            GatewayClasses = clusterScoped ? snapshot.GatewayClasses : KindCollection<GatewayClassInfo>.Empty,
            Gateways = Keep(s => s.Gateways, In),
            HttpRoutes = Keep(s => s.HttpRoutes, In),
            GrpcRoutes = Keep(s => s.GrpcRoutes, In),
            TlsRoutes = Keep(s => s.TlsRoutes, In),
            TcpRoutes = Keep(s => s.TcpRoutes, In),
            UdpRoutes = Keep(s => s.UdpRoutes, In),
            ReferenceGrants = Keep(s => s.ReferenceGrants, In),
            ClientTrafficPolicies = Keep(s => s.ClientTrafficPolicies, In),
            EnvoyProxies = Keep(s => s.EnvoyProxies, In),
            // NginxProxy v1alpha1 is cluster-scoped (empty namespace), v1alpha2 namespaced: each by its own scope.
            NginxProxies = Keep(s => s.NginxProxies, p => p.Namespace.Length == 0 ? clusterScoped : In(p)),
            CalicoNetworkPolicies = Keep(s => s.CalicoNetworkPolicies, In),
            CalicoGlobalNetworkPolicies = clusterScoped ? snapshot.CalicoGlobalNetworkPolicies : KindCollection<CalicoPolicyInfo>.Empty,
            CalicoTiers = clusterScoped ? snapshot.CalicoTiers : KindCollection<CalicoTierInfo>.Empty,
            CalicoNetworkSets = Keep(s => s.CalicoNetworkSets, In),
            CalicoGlobalNetworkSets = clusterScoped ? snapshot.CalicoGlobalNetworkSets : KindCollection<CalicoNetworkSetInfo>.Empty,
            ServiceAccounts = Keep(s => s.ServiceAccounts, In),
            // Cluster-scoped policies select pods across namespaces: only a cluster-wide viewer sees them.
            ClusterNetworkPolicies = clusterScoped ? snapshot.ClusterNetworkPolicies : KindCollection<ClusterPolicyInfo>.Empty,
            AdminNetworkPolicies = clusterScoped ? snapshot.AdminNetworkPolicies : KindCollection<ClusterPolicyInfo>.Empty,
            BaselineAdminNetworkPolicies = clusterScoped ? snapshot.BaselineAdminNetworkPolicies : KindCollection<ClusterPolicyInfo>.Empty,
            Installations = clusterScoped ? snapshot.Installations : KindCollection<CalicoInstallationInfo>.Empty,
            NetworkAttachmentDefinitions = Keep(s => s.NetworkAttachmentDefinitions, In),
            MultiNetworkPolicies = Keep(s => s.MultiNetworkPolicies, In),
            Diagnostics = clusterScoped ? snapshot.Diagnostics : [],
        };
        var counts = Counts(scoped);
        return scoped with
        {
            Kinds = snapshot.Kinds.ToImmutableDictionary(kv => kv.Key, kv => counts.TryGetValue(kv.Key, out var n) ? Capped(kv.Value, n) : kv.Value),
        };
    }

    /// <summary>
    /// A kind's status with every figure capped at what the user sees: during a paged first sync Loaded and Expected
    /// are cluster-wide (Expected comes from the list's remainingItemCount), and "3,400 / 10,000" would tell a user
    /// how many pods the namespaces they can't see hold.
    /// </summary>
    private static KindStatus Capped(KindStatus status, int visible) => status with
    {
        Count = visible,
        Loaded = Math.Min(status.Loaded, visible),
        Expected = status.Expected is { } expected ? Math.Min(expected, visible) : null,
    };

    /// <summary>
    /// The namespaces a snapshot knows of: Namespace objects plus the namespaces of namespaced objects (a namespace
    /// the dashboard itself may not list still holds objects it may list).
    /// </summary>
    public static IReadOnlySet<string> NamespacesOf(ClusterSnapshot snapshot)
    {
        var names = new HashSet<string>(snapshot.Namespaces.Select(n => n.Name), StringComparer.Ordinal);
        void Add<T>(KindCollection<T> c) where T : IClusterObject
        {
            foreach (var key in c.ByKey.Keys)
            {
                if (key.Namespace.Length > 0)
                {
                    names.Add(key.Namespace);
                }
            }
        }

        Add(snapshot.Pods);
        Add(snapshot.Services);
        Add(snapshot.Endpoints);
        Add(snapshot.NetworkPolicies);
        Add(snapshot.Ingresses);
        Add(snapshot.Workloads);
        Add(snapshot.ConfigMaps);
        Add(snapshot.Gateways);
        Add(snapshot.HttpRoutes);
        Add(snapshot.GrpcRoutes);
        Add(snapshot.TlsRoutes);
        Add(snapshot.TcpRoutes);
        Add(snapshot.UdpRoutes);
        Add(snapshot.ReferenceGrants);
        Add(snapshot.ClientTrafficPolicies);
        Add(snapshot.EnvoyProxies);
        Add(snapshot.NginxProxies);
        Add(snapshot.CalicoNetworkPolicies);
        Add(snapshot.CalicoNetworkSets);
        Add(snapshot.ServiceAccounts);
        Add(snapshot.NetworkAttachmentDefinitions);
        Add(snapshot.MultiNetworkPolicies);
        return names;
    }

    /// <summary>
    /// Of <paramref name="candidates"/> (the kinds that changed cluster-wide), those whose objects differ between two
    /// cut snapshots: a user must not learn that something changed in a namespace they cannot see.
    /// </summary>
    public static ImmutableArray<string> ChangedKinds(ClusterSnapshot previous, ClusterSnapshot current, IEnumerable<string> candidates) =>
        [.. candidates.Where(kind => !SameObjects(previous, current, kind))];

    private static bool SameObjects(ClusterSnapshot a, ClusterSnapshot b, string kind) => kind switch
    {
        ResourceKind.Nodes => Same(a.Nodes, b.Nodes),
        ResourceKind.Namespaces => Same(a.Namespaces, b.Namespaces),
        ResourceKind.Pods => Same(a.Pods, b.Pods),
        ResourceKind.Services => Same(a.Services, b.Services),
        ResourceKind.Endpoints => Same(a.Endpoints, b.Endpoints),
        ResourceKind.NetworkPolicies => Same(a.NetworkPolicies, b.NetworkPolicies),
        ResourceKind.Ingresses => Same(a.Ingresses, b.Ingresses),
        ResourceKind.IngressClasses => Same(a.IngressClasses, b.IngressClasses),
        ResourceKind.DaemonSets => Same(a.Workloads, b.Workloads, w => w.Kind == "DaemonSet"),
        ResourceKind.Deployments => Same(a.Workloads, b.Workloads, w => w.Kind == "Deployment"),
        ResourceKind.StatefulSets => Same(a.Workloads, b.Workloads, w => w.Kind == "StatefulSet"),
        ResourceKind.ConfigMaps => Same(a.ConfigMaps, b.ConfigMaps),
        ResourceKind.IpPools => Same(a.IpPools, b.IpPools),
        ResourceKind.BgpConfigurations => Same(a.BgpConfigurations, b.BgpConfigurations),
        ResourceKind.GatewayClasses => Same(a.GatewayClasses, b.GatewayClasses),
        ResourceKind.Gateways => Same(a.Gateways, b.Gateways),
        ResourceKind.HttpRoutes => Same(a.HttpRoutes, b.HttpRoutes),
        ResourceKind.GrpcRoutes => Same(a.GrpcRoutes, b.GrpcRoutes),
        ResourceKind.TlsRoutes => Same(a.TlsRoutes, b.TlsRoutes),
        ResourceKind.TcpRoutes => Same(a.TcpRoutes, b.TcpRoutes),
        ResourceKind.UdpRoutes => Same(a.UdpRoutes, b.UdpRoutes),
        ResourceKind.ReferenceGrants => Same(a.ReferenceGrants, b.ReferenceGrants),
        ResourceKind.ClientTrafficPolicies => Same(a.ClientTrafficPolicies, b.ClientTrafficPolicies),
        ResourceKind.EnvoyProxies => Same(a.EnvoyProxies, b.EnvoyProxies),
        ResourceKind.NginxProxies => Same(a.NginxProxies, b.NginxProxies),
        ResourceKind.CalicoNetworkPolicies => Same(a.CalicoNetworkPolicies, b.CalicoNetworkPolicies),
        ResourceKind.CalicoGlobalNetworkPolicies => Same(a.CalicoGlobalNetworkPolicies, b.CalicoGlobalNetworkPolicies),
        ResourceKind.CalicoTiers => Same(a.CalicoTiers, b.CalicoTiers),
        ResourceKind.CalicoNetworkSets => Same(a.CalicoNetworkSets, b.CalicoNetworkSets),
        ResourceKind.CalicoGlobalNetworkSets => Same(a.CalicoGlobalNetworkSets, b.CalicoGlobalNetworkSets),
        ResourceKind.ServiceAccounts => Same(a.ServiceAccounts, b.ServiceAccounts),
        ResourceKind.ClusterNetworkPolicies => Same(a.ClusterNetworkPolicies, b.ClusterNetworkPolicies),
        ResourceKind.AdminNetworkPolicies => Same(a.AdminNetworkPolicies, b.AdminNetworkPolicies),
        ResourceKind.BaselineAdminNetworkPolicies => Same(a.BaselineAdminNetworkPolicies, b.BaselineAdminNetworkPolicies),
        ResourceKind.Installations => Same(a.Installations, b.Installations),
        ResourceKind.NetworkAttachmentDefinitions => Same(a.NetworkAttachmentDefinitions, b.NetworkAttachmentDefinitions),
        ResourceKind.MultiNetworkPolicies => Same(a.MultiNetworkPolicies, b.MultiNetworkPolicies),
        _ => false,
    };

    private static bool Same<T>(KindCollection<T> a, KindCollection<T> b, Func<T, bool>? filter = null) where T : IClusterObject
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        var left = filter is null ? a.ByKey : a.ByKey.Where(kv => filter(kv.Value)).ToImmutableDictionary();
        var right = filter is null ? b.ByKey : b.ByKey.Where(kv => filter(kv.Value)).ToImmutableDictionary();
        if (left.Count != right.Count)
        {
            return false;
        }

        // Records compare by value; unchanged objects are usually the same instance, which is the fast path.
        foreach (var (key, value) in left)
        {
            if (!right.TryGetValue(key, out var other) || !(ReferenceEquals(value, other) || value.Equals(other)))
            {
                return false;
            }
        }

        return true;
    }

    private static Dictionary<string, int> Counts(ClusterSnapshot scoped) => new()
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
        [ResourceKind.GatewayClasses] = scoped.GatewayClasses.Count,
        [ResourceKind.Gateways] = scoped.Gateways.Count,
        [ResourceKind.HttpRoutes] = scoped.HttpRoutes.Count,
        [ResourceKind.GrpcRoutes] = scoped.GrpcRoutes.Count,
        [ResourceKind.TlsRoutes] = scoped.TlsRoutes.Count,
        [ResourceKind.TcpRoutes] = scoped.TcpRoutes.Count,
        [ResourceKind.UdpRoutes] = scoped.UdpRoutes.Count,
        [ResourceKind.ReferenceGrants] = scoped.ReferenceGrants.Count,
        [ResourceKind.ClientTrafficPolicies] = scoped.ClientTrafficPolicies.Count,
        [ResourceKind.EnvoyProxies] = scoped.EnvoyProxies.Count,
        [ResourceKind.NginxProxies] = scoped.NginxProxies.Count,
        [ResourceKind.CalicoNetworkPolicies] = scoped.CalicoNetworkPolicies.Count,
        [ResourceKind.CalicoGlobalNetworkPolicies] = scoped.CalicoGlobalNetworkPolicies.Count,
        [ResourceKind.CalicoTiers] = scoped.CalicoTiers.Count,
        [ResourceKind.CalicoNetworkSets] = scoped.CalicoNetworkSets.Count,
        [ResourceKind.CalicoGlobalNetworkSets] = scoped.CalicoGlobalNetworkSets.Count,
        [ResourceKind.ServiceAccounts] = scoped.ServiceAccounts.Count,
        [ResourceKind.ClusterNetworkPolicies] = scoped.ClusterNetworkPolicies.Count,
        [ResourceKind.AdminNetworkPolicies] = scoped.AdminNetworkPolicies.Count,
        [ResourceKind.BaselineAdminNetworkPolicies] = scoped.BaselineAdminNetworkPolicies.Count,
        [ResourceKind.Installations] = scoped.Installations.Count,
        [ResourceKind.NetworkAttachmentDefinitions] = scoped.NetworkAttachmentDefinitions.Count,
        [ResourceKind.MultiNetworkPolicies] = scoped.MultiNetworkPolicies.Count,
    };
}
