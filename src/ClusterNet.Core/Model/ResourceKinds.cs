namespace ClusterNet.Core.Model;

/// <summary>Maps model records to their <see cref="ResourceKind"/> name.</summary>
public static class ResourceKinds
{
    public static string KindOf(IClusterObject obj) => obj switch
    {
        NodeInfo => ResourceKind.Nodes,
        NamespaceInfo => ResourceKind.Namespaces,
        PodInfo => ResourceKind.Pods,
        ServiceInfo => ResourceKind.Services,
        EndpointSetInfo => ResourceKind.Endpoints,
        NetworkPolicyInfo => ResourceKind.NetworkPolicies,
        IngressInfo => ResourceKind.Ingresses,
        IngressClassInfo => ResourceKind.IngressClasses,
        WorkloadInfo { Kind: "DaemonSet" } => ResourceKind.DaemonSets,
        WorkloadInfo { Kind: "StatefulSet" } => ResourceKind.StatefulSets,
        WorkloadInfo => ResourceKind.Deployments,
        ConfigMapInfo => ResourceKind.ConfigMaps,
        IpPoolInfo => ResourceKind.IpPools,
        BgpConfigurationInfo => ResourceKind.BgpConfigurations,
        GatewayClassInfo => ResourceKind.GatewayClasses,
        GatewayInfo => ResourceKind.Gateways,
        GatewayRouteInfo r => GatewayRouteKinds.ResourceKindOf(r.Kind),
        ReferenceGrantInfo => ResourceKind.ReferenceGrants,
        ClientTrafficPolicyInfo => ResourceKind.ClientTrafficPolicies,
        EnvoyProxyInfo => ResourceKind.EnvoyProxies,
        NginxProxyInfo => ResourceKind.NginxProxies,
        CalicoPolicyInfo { Kind: CalicoPolicyKind.GlobalNetworkPolicy } => ResourceKind.CalicoGlobalNetworkPolicies,
        CalicoPolicyInfo => ResourceKind.CalicoNetworkPolicies,
        CalicoTierInfo => ResourceKind.CalicoTiers,
        CalicoNetworkSetInfo { Kind: CalicoNetworkSetKind.GlobalNetworkSet } => ResourceKind.CalicoGlobalNetworkSets,
        CalicoNetworkSetInfo => ResourceKind.CalicoNetworkSets,
        ServiceAccountInfo => ResourceKind.ServiceAccounts,
        ClusterPolicyInfo { Kind: ClusterPolicyKind.ClusterNetworkPolicy } => ResourceKind.ClusterNetworkPolicies,
        ClusterPolicyInfo { Kind: ClusterPolicyKind.AdminNetworkPolicy } => ResourceKind.AdminNetworkPolicies,
        ClusterPolicyInfo => ResourceKind.BaselineAdminNetworkPolicies,
        CalicoInstallationInfo => ResourceKind.Installations,
        NetworkAttachmentDefinitionInfo => ResourceKind.NetworkAttachmentDefinitions,
        MultiNetworkPolicyInfo => ResourceKind.MultiNetworkPolicies,
        _ => throw new ArgumentException($"Unknown object type {obj.GetType().Name}", nameof(obj)),
    };
}
