using System.Text.Json;
using ClusterNet.Core.Model;

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
        ResourceKind.Nodes => [new("v1", "nodes", LiveObjectConverters.Node) { ClusterScoped = true }],
        ResourceKind.Namespaces => [new("v1", "namespaces", LiveObjectConverters.Namespace) { ClusterScoped = true }],
        ResourceKind.Pods => [new("v1", "pods", LiveObjectConverters.Pod)],
        ResourceKind.Services => [new("v1", "services", LiveObjectConverters.Service)],
        ResourceKind.Endpoints =>
        [
            new("discovery.k8s.io/v1", "endpointslices", LiveObjectConverters.EndpointSlice),
            new("discovery.k8s.io/v1beta1", "endpointslices", LiveObjectConverters.EndpointSliceV1Beta1),
            new("v1", "endpoints", LiveObjectConverters.Endpoints),
        ],
        ResourceKind.NetworkPolicies => [new("networking.k8s.io/v1", "networkpolicies", LiveObjectConverters.NetworkPolicy)],
        ResourceKind.Ingresses => [new("networking.k8s.io/v1", "ingresses", LiveObjectConverters.Ingress)],
        ResourceKind.IngressClasses => [new("networking.k8s.io/v1", "ingressclasses", LiveObjectConverters.IngressClass) { ClusterScoped = true }],
        ResourceKind.DaemonSets => [new("apps/v1", "daemonsets", LiveObjectConverters.DaemonSet) { KeyOf = WorkloadKey("DaemonSet") }],
        ResourceKind.Deployments => [new("apps/v1", "deployments", LiveObjectConverters.Deployment) { KeyOf = WorkloadKey("Deployment") }],
        ResourceKind.StatefulSets => [new("apps/v1", "statefulsets", LiveObjectConverters.StatefulSet) { KeyOf = WorkloadKey("StatefulSet") }],
        ResourceKind.IpPools => [new("crd.projectcalico.org/v1", "ippools", LiveObjectConverters.IpPool) { ClusterScoped = true }],
        ResourceKind.BgpConfigurations => [new("crd.projectcalico.org/v1", "bgpconfigurations", LiveObjectConverters.BgpConfiguration) { ClusterScoped = true }],
        _ => throw new ArgumentException($"no API known for kind '{kind}'", nameof(kind)),
    };

    private static Func<JsonElement, ObjectKey?> WorkloadKey(string workloadKind) =>
        e => ResourceTarget.MetadataKey(e) is { } key ? key with { Name = $"{workloadKind}/{key.Name}" } : null;
}
