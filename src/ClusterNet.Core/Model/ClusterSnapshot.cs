using System.Collections.Immutable;

namespace ClusterNet.Core.Model;

/// <summary>
/// An immutable, versioned picture of the cluster: the only thing analyzers, UI, API and CLI read.
/// Versions increase monotonically per store.
/// </summary>
public sealed record ClusterSnapshot
{
    public required long Version { get; init; }
    public required SourceInfo Source { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public ConnectionState Connection { get; init; } = ConnectionState.Connected;
    public string? ConnectionMessage { get; init; }
    /// <summary>Last time the source heard from the cluster (for "disconnected, last known state 2 min ago").</summary>
    public DateTimeOffset? LastContact { get; init; }
    /// <summary>Sync status per kind, keyed by <see cref="ResourceKind"/> names.</summary>
    public ImmutableDictionary<string, KindStatus> Kinds { get; init; } = ImmutableDictionary<string, KindStatus>.Empty;
    /// <summary>Problems found while reading objects (bad documents, unconvertible fields); the rest still loads.</summary>
    public ImmutableArray<SourceDiagnostic> Diagnostics { get; init; } = [];

    public KindCollection<NodeInfo> Nodes { get; init; } = KindCollection<NodeInfo>.Empty;
    public KindCollection<NamespaceInfo> Namespaces { get; init; } = KindCollection<NamespaceInfo>.Empty;
    public KindCollection<PodInfo> Pods { get; init; } = KindCollection<PodInfo>.Empty;
    public KindCollection<ServiceInfo> Services { get; init; } = KindCollection<ServiceInfo>.Empty;
    public KindCollection<EndpointSetInfo> Endpoints { get; init; } = KindCollection<EndpointSetInfo>.Empty;
    public KindCollection<NetworkPolicyInfo> NetworkPolicies { get; init; } = KindCollection<NetworkPolicyInfo>.Empty;
    public KindCollection<IngressInfo> Ingresses { get; init; } = KindCollection<IngressInfo>.Empty;
    public KindCollection<IngressClassInfo> IngressClasses { get; init; } = KindCollection<IngressClassInfo>.Empty;
    /// <summary>DaemonSets, Deployments and StatefulSets together; <see cref="WorkloadInfo.Kind"/> tells which.</summary>
    public KindCollection<WorkloadInfo> Workloads { get; init; } = KindCollection<WorkloadInfo>.Empty;
    public KindCollection<ConfigMapInfo> ConfigMaps { get; init; } = KindCollection<ConfigMapInfo>.Empty;
    public KindCollection<IpPoolInfo> IpPools { get; init; } = KindCollection<IpPoolInfo>.Empty;
    public KindCollection<BgpConfigurationInfo> BgpConfigurations { get; init; } = KindCollection<BgpConfigurationInfo>.Empty;
    public KindCollection<GatewayClassInfo> GatewayClasses { get; init; } = KindCollection<GatewayClassInfo>.Empty;
    public KindCollection<GatewayInfo> Gateways { get; init; } = KindCollection<GatewayInfo>.Empty;
    public KindCollection<GatewayRouteInfo> HttpRoutes { get; init; } = KindCollection<GatewayRouteInfo>.Empty;
    public KindCollection<GatewayRouteInfo> GrpcRoutes { get; init; } = KindCollection<GatewayRouteInfo>.Empty;
    public KindCollection<GatewayRouteInfo> TlsRoutes { get; init; } = KindCollection<GatewayRouteInfo>.Empty;
    public KindCollection<GatewayRouteInfo> TcpRoutes { get; init; } = KindCollection<GatewayRouteInfo>.Empty;
    public KindCollection<GatewayRouteInfo> UdpRoutes { get; init; } = KindCollection<GatewayRouteInfo>.Empty;
    public KindCollection<ReferenceGrantInfo> ReferenceGrants { get; init; } = KindCollection<ReferenceGrantInfo>.Empty;
    /// <summary>Envoy Gateway ClientTrafficPolicies (gateway.envoyproxy.io).</summary>
    public KindCollection<ClientTrafficPolicyInfo> ClientTrafficPolicies { get; init; } = KindCollection<ClientTrafficPolicyInfo>.Empty;
    /// <summary>Envoy Gateway EnvoyProxy objects (gateway.envoyproxy.io).</summary>
    public KindCollection<EnvoyProxyInfo> EnvoyProxies { get; init; } = KindCollection<EnvoyProxyInfo>.Empty;
    /// <summary>NGINX Gateway Fabric NginxProxy objects (gateway.nginx.org).</summary>
    public KindCollection<NginxProxyInfo> NginxProxies { get; init; } = KindCollection<NginxProxyInfo>.Empty;
    /// <summary>Calico NetworkPolicies (projectcalico.org/v3 or crd.projectcalico.org/v1).</summary>
    public KindCollection<CalicoPolicyInfo> CalicoNetworkPolicies { get; init; } = KindCollection<CalicoPolicyInfo>.Empty;
    /// <summary>Calico GlobalNetworkPolicies.</summary>
    public KindCollection<CalicoPolicyInfo> CalicoGlobalNetworkPolicies { get; init; } = KindCollection<CalicoPolicyInfo>.Empty;
    /// <summary>Calico Tiers (the "default" tier is implicit when absent).</summary>
    public KindCollection<CalicoTierInfo> CalicoTiers { get; init; } = KindCollection<CalicoTierInfo>.Empty;
    /// <summary>Calico NetworkSets (namespaced).</summary>
    public KindCollection<CalicoNetworkSetInfo> CalicoNetworkSets { get; init; } = KindCollection<CalicoNetworkSetInfo>.Empty;
    /// <summary>Calico GlobalNetworkSets (cluster-scoped).</summary>
    public KindCollection<CalicoNetworkSetInfo> CalicoGlobalNetworkSets { get; init; } = KindCollection<CalicoNetworkSetInfo>.Empty;
    /// <summary>ServiceAccounts (name, namespace, labels only).</summary>
    public KindCollection<ServiceAccountInfo> ServiceAccounts { get; init; } = KindCollection<ServiceAccountInfo>.Empty;
    /// <summary>policy.networking.k8s.io/v1alpha2 ClusterNetworkPolicies (cluster-scoped).</summary>
    public KindCollection<ClusterPolicyInfo> ClusterNetworkPolicies { get; init; } = KindCollection<ClusterPolicyInfo>.Empty;
    /// <summary>policy.networking.k8s.io/v1alpha1 AdminNetworkPolicies (cluster-scoped).</summary>
    public KindCollection<ClusterPolicyInfo> AdminNetworkPolicies { get; init; } = KindCollection<ClusterPolicyInfo>.Empty;
    /// <summary>policy.networking.k8s.io/v1alpha1 BaselineAdminNetworkPolicies (cluster-scoped; the API allows only "default").</summary>
    public KindCollection<ClusterPolicyInfo> BaselineAdminNetworkPolicies { get; init; } = KindCollection<ClusterPolicyInfo>.Empty;
    /// <summary>Tigera operator Installations (operator.tigera.io), cluster-scoped.</summary>
    public KindCollection<CalicoInstallationInfo> Installations { get; init; } = KindCollection<CalicoInstallationInfo>.Empty;
    /// <summary>Multus NetworkAttachmentDefinitions (k8s.cni.cncf.io).</summary>
    public KindCollection<NetworkAttachmentDefinitionInfo> NetworkAttachmentDefinitions { get; init; } = KindCollection<NetworkAttachmentDefinitionInfo>.Empty;
    /// <summary>MultiNetworkPolicies (k8s.cni.cncf.io/v1beta1): shown, not evaluated.</summary>
    public KindCollection<MultiNetworkPolicyInfo> MultiNetworkPolicies { get; init; } = KindCollection<MultiNetworkPolicyInfo>.Empty;

    /// <summary>Every Gateway API route of the five kinds, HTTPRoutes first.</summary>
    public IEnumerable<GatewayRouteInfo> GatewayRoutes =>
        HttpRoutes.Concat(GrpcRoutes).Concat(TlsRoutes).Concat(TcpRoutes).Concat(UdpRoutes);

    /// <summary>Every cluster-scoped tiered policy of the three kinds (ClusterNetworkPolicies first).</summary>
    public IEnumerable<ClusterPolicyInfo> ClusterPolicies =>
        ClusterNetworkPolicies.Concat(AdminNetworkPolicies).Concat(BaselineAdminNetworkPolicies);

    public KindStatus StatusOf(string kind) => Kinds.TryGetValue(kind, out var s) ? s : KindStatus.Pending;

    /// <summary>Endpoint sets (slices or Endpoints) that belong to a Service.</summary>
    public IEnumerable<EndpointSetInfo> EndpointsOf(ServiceInfo service) =>
        Endpoints.Where(e => e.Namespace == service.Namespace && e.ServiceName == service.Name);

    /// <summary>Builds a snapshot from plain lists, for tests and one-shot tools (file source, CLI).</summary>
    public static ClusterSnapshot Create(
        SourceInfo source,
        IEnumerable<IClusterObject> objects,
        long version = 1,
        IEnumerable<SourceDiagnostic>? diagnostics = null)
    {
        var list = objects.ToList();
        return new ClusterSnapshot
        {
            Version = version,
            Source = source,
            CreatedAt = DateTimeOffset.UtcNow,
            Diagnostics = [.. diagnostics ?? []],
            Nodes = KindCollection<NodeInfo>.From(list.OfType<NodeInfo>()),
            Namespaces = KindCollection<NamespaceInfo>.From(list.OfType<NamespaceInfo>()),
            Pods = KindCollection<PodInfo>.From(list.OfType<PodInfo>()),
            Services = KindCollection<ServiceInfo>.From(list.OfType<ServiceInfo>()),
            Endpoints = KindCollection<EndpointSetInfo>.From(list.OfType<EndpointSetInfo>()),
            NetworkPolicies = KindCollection<NetworkPolicyInfo>.From(list.OfType<NetworkPolicyInfo>()),
            Ingresses = KindCollection<IngressInfo>.From(list.OfType<IngressInfo>()),
            IngressClasses = KindCollection<IngressClassInfo>.From(list.OfType<IngressClassInfo>()),
            Workloads = KindCollection<WorkloadInfo>.From(list.OfType<WorkloadInfo>()),
            ConfigMaps = KindCollection<ConfigMapInfo>.From(list.OfType<ConfigMapInfo>()),
            IpPools = KindCollection<IpPoolInfo>.From(list.OfType<IpPoolInfo>()),
            BgpConfigurations = KindCollection<BgpConfigurationInfo>.From(list.OfType<BgpConfigurationInfo>()),
            GatewayClasses = KindCollection<GatewayClassInfo>.From(list.OfType<GatewayClassInfo>()),
            Gateways = KindCollection<GatewayInfo>.From(list.OfType<GatewayInfo>()),
            HttpRoutes = Routes(list, GatewayRouteKind.HttpRoute),
            GrpcRoutes = Routes(list, GatewayRouteKind.GrpcRoute),
            TlsRoutes = Routes(list, GatewayRouteKind.TlsRoute),
            TcpRoutes = Routes(list, GatewayRouteKind.TcpRoute),
            UdpRoutes = Routes(list, GatewayRouteKind.UdpRoute),
            ReferenceGrants = KindCollection<ReferenceGrantInfo>.From(list.OfType<ReferenceGrantInfo>()),
            ClientTrafficPolicies = KindCollection<ClientTrafficPolicyInfo>.From(list.OfType<ClientTrafficPolicyInfo>()),
            EnvoyProxies = KindCollection<EnvoyProxyInfo>.From(list.OfType<EnvoyProxyInfo>()),
            NginxProxies = KindCollection<NginxProxyInfo>.From(list.OfType<NginxProxyInfo>()),
            CalicoNetworkPolicies = KindCollection<CalicoPolicyInfo>.From(list.OfType<CalicoPolicyInfo>().Where(p => p.Kind == CalicoPolicyKind.NetworkPolicy)),
            CalicoGlobalNetworkPolicies = KindCollection<CalicoPolicyInfo>.From(list.OfType<CalicoPolicyInfo>().Where(p => p.Kind == CalicoPolicyKind.GlobalNetworkPolicy)),
            CalicoTiers = KindCollection<CalicoTierInfo>.From(list.OfType<CalicoTierInfo>()),
            CalicoNetworkSets = KindCollection<CalicoNetworkSetInfo>.From(list.OfType<CalicoNetworkSetInfo>().Where(n => !n.IsGlobal)),
            CalicoGlobalNetworkSets = KindCollection<CalicoNetworkSetInfo>.From(list.OfType<CalicoNetworkSetInfo>().Where(n => n.IsGlobal)),
            ServiceAccounts = KindCollection<ServiceAccountInfo>.From(list.OfType<ServiceAccountInfo>()),
            ClusterNetworkPolicies = ClusterPoliciesOf(list, ClusterPolicyKind.ClusterNetworkPolicy),
            AdminNetworkPolicies = ClusterPoliciesOf(list, ClusterPolicyKind.AdminNetworkPolicy),
            BaselineAdminNetworkPolicies = ClusterPoliciesOf(list, ClusterPolicyKind.BaselineAdminNetworkPolicy),
            Installations = KindCollection<CalicoInstallationInfo>.From(list.OfType<CalicoInstallationInfo>()),
            NetworkAttachmentDefinitions = KindCollection<NetworkAttachmentDefinitionInfo>.From(list.OfType<NetworkAttachmentDefinitionInfo>()),
            MultiNetworkPolicies = KindCollection<MultiNetworkPolicyInfo>.From(list.OfType<MultiNetworkPolicyInfo>()),
            Kinds = ResourceKind.All.ToImmutableDictionary(k => k, k => new KindStatus(KindState.Synced, CountOf(list, k))),
        };
    }

    private static KindCollection<GatewayRouteInfo> Routes(List<IClusterObject> list, GatewayRouteKind kind) =>
        KindCollection<GatewayRouteInfo>.From(list.OfType<GatewayRouteInfo>().Where(r => r.Kind == kind));

    private static KindCollection<ClusterPolicyInfo> ClusterPoliciesOf(List<IClusterObject> list, ClusterPolicyKind kind) =>
        KindCollection<ClusterPolicyInfo>.From(list.OfType<ClusterPolicyInfo>().Where(p => p.Kind == kind));

    internal static int CountOf(IReadOnlyCollection<IClusterObject> list, string kind) => list.Count(o => ResourceKinds.KindOf(o) == kind);
}
