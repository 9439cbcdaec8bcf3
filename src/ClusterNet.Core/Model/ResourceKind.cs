namespace ClusterNet.Core.Model;

/// <summary>The kinds a source reads, named as kubectl spells their plural resource (used in the REST API and hub).</summary>
public static class ResourceKind
{
    public const string Nodes = "nodes";
    public const string Namespaces = "namespaces";
    public const string Pods = "pods";
    public const string Services = "services";
    public const string Endpoints = "endpoints";
    public const string NetworkPolicies = "networkpolicies";
    public const string Ingresses = "ingresses";
    public const string IngressClasses = "ingressclasses";
    public const string DaemonSets = "daemonsets";
    public const string Deployments = "deployments";
    public const string StatefulSets = "statefulsets";
    public const string ConfigMaps = "configmaps";
    public const string IpPools = "ippools";
    public const string BgpConfigurations = "bgpconfigurations";
    public const string GatewayClasses = "gatewayclasses";
    public const string Gateways = "gateways";
    public const string HttpRoutes = "httproutes";
    public const string GrpcRoutes = "grpcroutes";
    public const string TlsRoutes = "tlsroutes";
    public const string TcpRoutes = "tcproutes";
    public const string UdpRoutes = "udproutes";
    public const string ReferenceGrants = "referencegrants";
    public const string ClientTrafficPolicies = "clienttrafficpolicies";
    public const string EnvoyProxies = "envoyproxies";
    public const string NginxProxies = "nginxproxies";
    /// <summary>Calico projectcalico.org NetworkPolicies (spelled with the group: "networkpolicies" is Kubernetes').</summary>
    public const string CalicoNetworkPolicies = "networkpolicies.projectcalico.org";
    public const string CalicoGlobalNetworkPolicies = "globalnetworkpolicies";
    public const string CalicoTiers = "tiers";
    /// <summary>Calico NetworkSets (namespaced labelled CIDRs); no other API has a kind of that name.</summary>
    public const string CalicoNetworkSets = "networksets";
    public const string CalicoGlobalNetworkSets = "globalnetworksets";
    /// <summary>ServiceAccounts: metadata (labels) only, for Calico's service-account selectors; never their token secrets.</summary>
    public const string ServiceAccounts = "serviceaccounts";
    public const string ClusterNetworkPolicies = "clusternetworkpolicies";
    public const string AdminNetworkPolicies = "adminnetworkpolicies";
    public const string BaselineAdminNetworkPolicies = "baselineadminnetworkpolicies";
    public const string Installations = "installations";
    public const string NetworkAttachmentDefinitions = "networkattachmentdefinitions";
    public const string MultiNetworkPolicies = "multinetworkpolicies";

    public static readonly IReadOnlyList<string> All =
    [
        Nodes, Namespaces, Pods, Services, Endpoints, NetworkPolicies, Ingresses, IngressClasses,
        DaemonSets, Deployments, StatefulSets, ConfigMaps, IpPools, BgpConfigurations,
        GatewayClasses, Gateways, HttpRoutes, GrpcRoutes, TlsRoutes, TcpRoutes, UdpRoutes, ReferenceGrants,
        ClientTrafficPolicies, EnvoyProxies, NginxProxies,
        CalicoNetworkPolicies, CalicoGlobalNetworkPolicies, CalicoTiers, CalicoNetworkSets, CalicoGlobalNetworkSets, ServiceAccounts,
        ClusterNetworkPolicies, AdminNetworkPolicies, BaselineAdminNetworkPolicies,
        Installations, NetworkAttachmentDefinitions, MultiNetworkPolicies,
    ];

    /// <summary>The five Gateway API route kinds, in <see cref="All"/> order.</summary>
    public static readonly IReadOnlyList<string> GatewayRoutes = [HttpRoutes, GrpcRoutes, TlsRoutes, TcpRoutes, UdpRoutes];

    /// <summary>ConfigMaps are read by name only: these are the ones the analyzers use.</summary>
    public static readonly IReadOnlyList<string> AnalysedConfigMapNames =
    [
        "kube-flannel-cfg", "kube-proxy", "coredns", "node-local-dns", "ingress-nginx-controller", "nginx-configuration", "canal-config", "calico-config", "istio",
        // kubeadm 1.24+: kubelet's clusterDNS (KubeletConfigReader).
        "kubelet-config",
    ];
}
