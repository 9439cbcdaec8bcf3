using ClusterNet.Core.Model;

namespace ClusterNet.Web.Navigation;

/// <summary>
/// Finds the object an <see cref="ObjectRef"/> names in a snapshot (null when gone or not a cluster object).
/// Every kind in <see cref="ResourceKind.All"/> has an arm: a kind left out cannot be opened from search or details.
/// </summary>
public static class SnapshotLookup
{
    public static IClusterObject? Find(ClusterSnapshot s, ObjectRef target) => target.Kind switch
    {
        ResourceKind.Nodes => s.Nodes.Get(target.Key),
        ResourceKind.Namespaces => s.Namespaces.Get(target.Key),
        ResourceKind.Pods => s.Pods.Get(target.Key),
        ResourceKind.Services => s.Services.Get(target.Key),
        ResourceKind.Endpoints => s.Endpoints.Get(target.Key),
        ResourceKind.NetworkPolicies => s.NetworkPolicies.Get(target.Key),
        ResourceKind.Ingresses => s.Ingresses.Get(target.Key),
        ResourceKind.IngressClasses => s.IngressClasses.Get(target.Key),
        ResourceKind.DaemonSets or ResourceKind.Deployments or ResourceKind.StatefulSets => s.Workloads.Get(target.Key),
        ResourceKind.ConfigMaps => s.ConfigMaps.Get(target.Key),
        ResourceKind.IpPools => s.IpPools.Get(target.Key),
        ResourceKind.BgpConfigurations => s.BgpConfigurations.Get(target.Key),
        ResourceKind.CalicoNetworkPolicies => s.CalicoNetworkPolicies.Get(target.Key),
        ResourceKind.CalicoGlobalNetworkPolicies => s.CalicoGlobalNetworkPolicies.Get(target.Key),
        ResourceKind.CalicoTiers => s.CalicoTiers.Get(target.Key),
        ResourceKind.CalicoNetworkSets => s.CalicoNetworkSets.Get(target.Key),
        ResourceKind.CalicoGlobalNetworkSets => s.CalicoGlobalNetworkSets.Get(target.Key),
        ResourceKind.ServiceAccounts => s.ServiceAccounts.Get(target.Key),
        ResourceKind.ClusterNetworkPolicies => s.ClusterNetworkPolicies.Get(target.Key),
        ResourceKind.AdminNetworkPolicies => s.AdminNetworkPolicies.Get(target.Key),
        ResourceKind.BaselineAdminNetworkPolicies => s.BaselineAdminNetworkPolicies.Get(target.Key),
        ResourceKind.Installations => s.Installations.Get(target.Key),
        ResourceKind.GatewayClasses => s.GatewayClasses.Get(target.Key),
        ResourceKind.Gateways => s.Gateways.Get(target.Key),
        ResourceKind.HttpRoutes => s.HttpRoutes.Get(target.Key),
        ResourceKind.GrpcRoutes => s.GrpcRoutes.Get(target.Key),
        ResourceKind.TlsRoutes => s.TlsRoutes.Get(target.Key),
        ResourceKind.TcpRoutes => s.TcpRoutes.Get(target.Key),
        ResourceKind.UdpRoutes => s.UdpRoutes.Get(target.Key),
        ResourceKind.ReferenceGrants => s.ReferenceGrants.Get(target.Key),
        ResourceKind.ClientTrafficPolicies => s.ClientTrafficPolicies.Get(target.Key),
        ResourceKind.EnvoyProxies => s.EnvoyProxies.Get(target.Key),
        ResourceKind.NginxProxies => s.NginxProxies.Get(target.Key),
        ResourceKind.NetworkAttachmentDefinitions => s.NetworkAttachmentDefinitions.Get(target.Key),
        ResourceKind.MultiNetworkPolicies => s.MultiNetworkPolicies.Get(target.Key),
        _ => null,
    };

    /// <summary>Pods a Service's selector picks (none for selector-less Services).</summary>
    public static IEnumerable<PodInfo> PodsOf(ClusterSnapshot s, ServiceInfo service) =>
        service.Selector is { Count: > 0 } selector
            ? s.Pods.Where(p => p.Namespace == service.Namespace && selector.All(kv => p.Labels.TryGetValue(kv.Key, out var v) && v == kv.Value))
            : [];

    /// <summary>Services whose selector picks the pod.</summary>
    public static IEnumerable<ServiceInfo> ServicesOf(ClusterSnapshot s, PodInfo pod) =>
        s.Services.Where(svc => svc.Namespace == pod.Namespace && svc.Selector is { Count: > 0 } sel && sel.All(kv => pod.Labels.TryGetValue(kv.Key, out var v) && v == kv.Value));
}
