using System.Text.Json;
using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Conversion;

namespace ClusterNet.Kubernetes.Live;

/// <summary>
/// Which API each kind is read from. Secrets are deliberately absent: the live source never reads them.
/// ConfigMaps are read one name at a time (field selector metadata.name=NAME across namespaces), so an RBAC rule with
/// resourceNames can grant exactly those and nothing else.
/// </summary>
internal static class LiveResourceCatalog
{
    public static IReadOnlyList<WatchStreamSpec> Build(LiveSourceOptions options)
    {
        var specs = new List<WatchStreamSpec>();
        foreach (var kind in options.EffectiveKinds)
        {
            if (kind == ResourceKind.ConfigMaps)
            {
                foreach (var name in options.EffectiveConfigMapNames.Distinct(StringComparer.Ordinal))
                {
                    var target = new ResourceTarget("v1", "configmaps", LiveObjectConverters.ConfigMap(name)) { FieldSelector = $"metadata.name={name}" };
                    specs.Add(new WatchStreamSpec(kind, name, [target]) { SoleOwner = false });
                }

                continue;
            }

            specs.Add(new WatchStreamSpec(kind, kind, Candidates(kind)));
        }

        return specs;
    }

    private static IReadOnlyList<ResourceTarget> Candidates(string kind) => kind switch
    {
        ResourceKind.Nodes => [new("v1", "nodes", LiveObjectConverters.Node) { Read = LiveObjectConverters.NodeReader, ClusterScoped = true }],
        ResourceKind.Namespaces => [new("v1", "namespaces", LiveObjectConverters.Namespace) { Read = LiveObjectConverters.NamespaceReader, ClusterScoped = true }],
        ResourceKind.Pods => [new("v1", "pods", LiveObjectConverters.Pod) { Read = LiveObjectConverters.PodReader }],
        ResourceKind.Services => [new("v1", "services", LiveObjectConverters.Service) { Read = LiveObjectConverters.ServiceReader }],
        ResourceKind.Endpoints =>
        [
            new("discovery.k8s.io/v1", "endpointslices", LiveObjectConverters.EndpointSlice) { Read = LiveObjectConverters.EndpointSliceReader },
            new("discovery.k8s.io/v1beta1", "endpointslices", LiveObjectConverters.EndpointSliceV1Beta1),
            new("v1", "endpoints", LiveObjectConverters.Endpoints) { Read = LiveObjectConverters.EndpointsReader },
        ],
        ResourceKind.NetworkPolicies => [new("networking.k8s.io/v1", "networkpolicies", LiveObjectConverters.NetworkPolicy) { Read = LiveObjectConverters.NetworkPolicyReader }],
        ResourceKind.Ingresses => [new("networking.k8s.io/v1", "ingresses", LiveObjectConverters.Ingress) { Read = LiveObjectConverters.IngressReader }],
        ResourceKind.IngressClasses => [new("networking.k8s.io/v1", "ingressclasses", LiveObjectConverters.IngressClass) { Read = LiveObjectConverters.IngressClassReader, ClusterScoped = true }],
        ResourceKind.DaemonSets => [new("apps/v1", "daemonsets", LiveObjectConverters.DaemonSet) { Read = LiveObjectConverters.DaemonSetReader, KeyOf = WorkloadKey("DaemonSet") }],
        ResourceKind.Deployments => [new("apps/v1", "deployments", LiveObjectConverters.Deployment) { Read = LiveObjectConverters.DeploymentReader, KeyOf = WorkloadKey("Deployment") }],
        ResourceKind.StatefulSets => [new("apps/v1", "statefulsets", LiveObjectConverters.StatefulSet) { Read = LiveObjectConverters.StatefulSetReader, KeyOf = WorkloadKey("StatefulSet") }],
        ResourceKind.IpPools => [new("crd.projectcalico.org/v1", "ippools", LiveObjectConverters.IpPool) { ClusterScoped = true }],
        ResourceKind.BgpConfigurations => [new("crd.projectcalico.org/v1", "bgpconfigurations", LiveObjectConverters.BgpConfiguration) { ClusterScoped = true }],
        ResourceKind.GatewayClasses => [.. GatewayApi("gatewayclasses", LiveObjectConverters.GatewayClass, "v1", "v1beta1", "v1alpha2").Select(t => t with { ClusterScoped = true })],
        ResourceKind.Gateways => GatewayApi("gateways", LiveObjectConverters.Gateway, "v1", "v1beta1", "v1alpha2"),
        ResourceKind.HttpRoutes => GatewayApi("httproutes", LiveObjectConverters.Route(GatewayRouteKind.HttpRoute), "v1", "v1beta1", "v1alpha2"),
        ResourceKind.GrpcRoutes => GatewayApi("grpcroutes", LiveObjectConverters.Route(GatewayRouteKind.GrpcRoute), "v1", "v1alpha2"),
        ResourceKind.TlsRoutes => GatewayApi("tlsroutes", LiveObjectConverters.Route(GatewayRouteKind.TlsRoute), "v1", "v1alpha3", "v1alpha2"),
        ResourceKind.TcpRoutes => GatewayApi("tcproutes", LiveObjectConverters.Route(GatewayRouteKind.TcpRoute), "v1alpha2"),
        ResourceKind.UdpRoutes => GatewayApi("udproutes", LiveObjectConverters.Route(GatewayRouteKind.UdpRoute), "v1alpha2"),
        ResourceKind.ReferenceGrants => GatewayApi("referencegrants", LiveObjectConverters.ReferenceGrant, "v1", "v1beta1", "v1alpha2"),
        ResourceKind.ClientTrafficPolicies => [new("gateway.envoyproxy.io/v1alpha1", "clienttrafficpolicies", LiveObjectConverters.ClientTrafficPolicy)],
        ResourceKind.EnvoyProxies => [new("gateway.envoyproxy.io/v1alpha1", "envoyproxies", LiveObjectConverters.EnvoyProxy)],
        ResourceKind.NginxProxies =>
        [
            new("gateway.nginx.org/v1alpha2", "nginxproxies", LiveObjectConverters.NginxProxy),
            new("gateway.nginx.org/v1alpha1", "nginxproxies", LiveObjectConverters.NginxProxy) { ClusterScoped = true },
        ],
        // The Calico API server (projectcalico.org/v3, aggregated) when installed, else the CRDs it stores into
        // (crd.projectcalico.org/v1, same spec); neither served → "notserved".
        ResourceKind.CalicoNetworkPolicies =>
        [
            new("projectcalico.org/v3", "networkpolicies", LiveObjectConverters.CalicoNetworkPolicy),
            new("crd.projectcalico.org/v1", "networkpolicies", LiveObjectConverters.CalicoNetworkPolicy),
        ],
        ResourceKind.CalicoGlobalNetworkPolicies =>
        [
            new("projectcalico.org/v3", "globalnetworkpolicies", LiveObjectConverters.CalicoGlobalNetworkPolicy) { ClusterScoped = true },
            new("crd.projectcalico.org/v1", "globalnetworkpolicies", LiveObjectConverters.CalicoGlobalNetworkPolicy) { ClusterScoped = true },
        ],
        ResourceKind.CalicoTiers =>
        [
            new("projectcalico.org/v3", "tiers", LiveObjectConverters.CalicoTier) { ClusterScoped = true },
            new("crd.projectcalico.org/v1", "tiers", LiveObjectConverters.CalicoTier) { ClusterScoped = true },
        ],
        ResourceKind.CalicoNetworkSets =>
        [
            new("projectcalico.org/v3", "networksets", LiveObjectConverters.CalicoNetworkSet),
            new("crd.projectcalico.org/v1", "networksets", LiveObjectConverters.CalicoNetworkSet),
        ],
        ResourceKind.CalicoGlobalNetworkSets =>
        [
            new("projectcalico.org/v3", "globalnetworksets", LiveObjectConverters.CalicoGlobalNetworkSet) { ClusterScoped = true },
            new("crd.projectcalico.org/v1", "globalnetworksets", LiveObjectConverters.CalicoGlobalNetworkSet) { ClusterScoped = true },
        ],
        // Metadata only: the converter keeps name, namespace and labels (the secrets list names token Secrets, never their data).
        ResourceKind.ServiceAccounts => [new("v1", "serviceaccounts", LiveObjectConverters.ServiceAccount)],
        ResourceKind.ClusterNetworkPolicies => [new($"{KubeModelMapper.PolicyApiGroup}/v1alpha2", "clusternetworkpolicies", LiveObjectConverters.ClusterNetworkPolicy) { ClusterScoped = true }],
        ResourceKind.AdminNetworkPolicies => [new($"{KubeModelMapper.PolicyApiGroup}/v1alpha1", "adminnetworkpolicies", LiveObjectConverters.AdminNetworkPolicy) { ClusterScoped = true }],
        ResourceKind.BaselineAdminNetworkPolicies => [new($"{KubeModelMapper.PolicyApiGroup}/v1alpha1", "baselineadminnetworkpolicies", LiveObjectConverters.BaselineAdminNetworkPolicy) { ClusterScoped = true }],
        ResourceKind.Installations => [new("operator.tigera.io/v1", "installations", LiveObjectConverters.Installation) { ClusterScoped = true }],
        ResourceKind.NetworkAttachmentDefinitions => [new($"{KubeModelMapper.MultusGroup}/v1", "network-attachment-definitions", LiveObjectConverters.NetworkAttachmentDefinition)],
        ResourceKind.MultiNetworkPolicies => [new($"{KubeModelMapper.MultusGroup}/v1beta1", "multi-networkpolicies", LiveObjectConverters.MultiNetworkPolicy)],
        _ => throw new ArgumentException($"no API known for kind '{kind}'", nameof(kind)),
    };

    /// <summary>
    /// Gateway API resources, newest version first: a cluster with an older CRD bundle serves only v1beta1 or
    /// v1alpha2, and the fields read have the same shape in all of them.
    /// </summary>
    private static IReadOnlyList<ResourceTarget> GatewayApi(string resource, Func<JsonElement, ICollection<SourceDiagnostic>, IClusterObject> convert, params string[] versions) =>
        [.. versions.Select(v => new ResourceTarget($"{KubeModelMapper.GatewayApiGroup}/{v}", resource, convert))];

    private static Func<JsonElement, ObjectKey?> WorkloadKey(string workloadKind) =>
        e => ResourceTarget.MetadataKey(e) is { } key ? key with { Name = $"{workloadKind}/{key.Name}" } : null;
}
