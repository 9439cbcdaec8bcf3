using ClusterNet.Core.Model;

namespace ClusterNet.Web.Tests.Navigation;

/// <summary>One object of every <see cref="ResourceKind"/>, so tests can prove each kind is handled, not just the ones someone remembered.</summary>
internal static class EveryKindObjects
{
    public static IReadOnlyList<IClusterObject> Create() =>
    [
        new NodeInfo { Name = "node01" },
        new NamespaceInfo { Name = "dev" },
        new PodInfo { Namespace = "dev", Name = "web-1" },
        new ServiceInfo { Namespace = "dev", Name = "web" },
        new EndpointSetInfo { Namespace = "dev", Name = "web-abc", ServiceName = "web" },
        new NetworkPolicyInfo { Namespace = "dev", Name = "allow-80" },
        new IngressInfo { Namespace = "dev", Name = "web" },
        new IngressClassInfo("nginx", "k8s.io/ingress-nginx", IsDefault: true),
        new WorkloadInfo { Kind = "DaemonSet", Namespace = "kube-system", Name = "kube-proxy" },
        new WorkloadInfo { Kind = "Deployment", Namespace = "kube-system", Name = "coredns" },
        new WorkloadInfo { Kind = "StatefulSet", Namespace = "dev", Name = "db" },
        new ConfigMapInfo { Namespace = "kube-system", Name = "kube-proxy" },
        new IpPoolInfo { Name = "default-ipv4-ippool" },
        new BgpConfigurationInfo { Name = "default" },
        new GatewayClassInfo { Name = "eg" },
        new GatewayInfo { Namespace = "dev", Name = "gw" },
        new GatewayRouteInfo { Kind = GatewayRouteKind.HttpRoute, Namespace = "dev", Name = "http" },
        new GatewayRouteInfo { Kind = GatewayRouteKind.GrpcRoute, Namespace = "dev", Name = "grpc" },
        new GatewayRouteInfo { Kind = GatewayRouteKind.TlsRoute, Namespace = "dev", Name = "tls" },
        new GatewayRouteInfo { Kind = GatewayRouteKind.TcpRoute, Namespace = "dev", Name = "tcp" },
        new GatewayRouteInfo { Kind = GatewayRouteKind.UdpRoute, Namespace = "dev", Name = "udp" },
        new ReferenceGrantInfo { Namespace = "dev", Name = "grant" },
        new ClientTrafficPolicyInfo { Namespace = "dev", Name = "ctp" },
        new EnvoyProxyInfo { Namespace = "dev", Name = "proxy" },
        new NginxProxyInfo { Namespace = "dev", Name = "proxy" },
        new CalicoPolicyInfo { Kind = CalicoPolicyKind.NetworkPolicy, Namespace = "dev", Name = "allow-db" },
        new CalicoPolicyInfo { Kind = CalicoPolicyKind.GlobalNetworkPolicy, Name = "deny-all" },
        new CalicoTierInfo { Name = "security" },
        new CalicoNetworkSetInfo { Kind = CalicoNetworkSetKind.NetworkSet, Namespace = "dev", Name = "partners" },
        new CalicoNetworkSetInfo { Kind = CalicoNetworkSetKind.GlobalNetworkSet, Name = "blocklist" },
        new ServiceAccountInfo { Namespace = "dev", Name = "web" },
        new ClusterPolicyInfo { Kind = ClusterPolicyKind.ClusterNetworkPolicy, Tier = ClusterPolicyTier.Admin, Name = "block-db" },
        new ClusterPolicyInfo { Kind = ClusterPolicyKind.AdminNetworkPolicy, Tier = ClusterPolicyTier.Admin, Name = "anp" },
        new ClusterPolicyInfo { Kind = ClusterPolicyKind.BaselineAdminNetworkPolicy, Tier = ClusterPolicyTier.Baseline, Name = "default" },
        new CalicoInstallationInfo { Name = "default" },
        new NetworkAttachmentDefinitionInfo { Namespace = "dev", Name = "macvlan" },
        new MultiNetworkPolicyInfo { Namespace = "dev", Name = "deny" },
    ];
}
