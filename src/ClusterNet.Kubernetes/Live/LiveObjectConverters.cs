using System.Text.Json;
using System.Text.Json.Nodes;
using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Conversion;
using k8s;
using k8s.Models;

namespace ClusterNet.Kubernetes.Live;

/// <summary>JSON items as the API server sends them → KubernetesClient models → Core records via <see cref="KubeModelMapper"/>.</summary>
internal static class LiveObjectConverters
{
    public static IClusterObject Node(JsonElement e, ICollection<SourceDiagnostic> d) => KubeModelMapper.ToModel(Read<V1Node>(e), d);

    public static IClusterObject Namespace(JsonElement e, ICollection<SourceDiagnostic> d) => KubeModelMapper.ToModel(Read<V1Namespace>(e), d);

    public static IClusterObject Pod(JsonElement e, ICollection<SourceDiagnostic> d) => KubeModelMapper.ToModel(Read<V1Pod>(e), d);

    public static IClusterObject Service(JsonElement e, ICollection<SourceDiagnostic> d) => KubeModelMapper.ToModel(Read<V1Service>(e), d);

    public static IClusterObject EndpointSlice(JsonElement e, ICollection<SourceDiagnostic> d) => KubeModelMapper.ToModel(Read<V1EndpointSlice>(e), d);

    /// <summary>
    /// discovery.k8s.io/v1beta1 (Kubernetes 1.17–1.24) has the v1 shape except that v1 renamed endpoints[].topology to
    /// deprecatedTopology; renaming it keeps the node name, which v1beta1 only carries in topology["kubernetes.io/hostname"].
    /// </summary>
    public static IClusterObject EndpointSliceV1Beta1(JsonElement e, ICollection<SourceDiagnostic> d)
    {
        var node = JsonNode.Parse(e.GetRawText())!;
        if (node["endpoints"] is JsonArray endpoints)
        {
            foreach (var endpoint in endpoints.OfType<JsonObject>())
            {
                if (endpoint.ContainsKey("topology") && !endpoint.ContainsKey("deprecatedTopology"))
                {
                    var topology = endpoint["topology"];
                    endpoint.Remove("topology");
                    endpoint["deprecatedTopology"] = topology;
                }
            }
        }

        var slice = KubernetesJson.Deserialize<V1EndpointSlice>(node, LiveJson.Options) ?? throw new JsonException("the object is null");
        return KubeModelMapper.ToModel(slice, d);
    }

    public static IClusterObject Endpoints(JsonElement e, ICollection<SourceDiagnostic> d) => KubeModelMapper.ToModel(Read<V1Endpoints>(e), d);

    public static IClusterObject NetworkPolicy(JsonElement e, ICollection<SourceDiagnostic> d) => KubeModelMapper.ToModel(Read<V1NetworkPolicy>(e), d);

    public static IClusterObject Ingress(JsonElement e, ICollection<SourceDiagnostic> d) => KubeModelMapper.ToModel(Read<V1Ingress>(e), d);

    public static IClusterObject IngressClass(JsonElement e, ICollection<SourceDiagnostic> d) => KubeModelMapper.ToModel(Read<V1IngressClass>(e), d);

    public static IClusterObject DaemonSet(JsonElement e, ICollection<SourceDiagnostic> d) => KubeModelMapper.ToModel(Read<V1DaemonSet>(e), d);

    public static IClusterObject Deployment(JsonElement e, ICollection<SourceDiagnostic> d) => KubeModelMapper.ToModel(Read<V1Deployment>(e), d);

    public static IClusterObject StatefulSet(JsonElement e, ICollection<SourceDiagnostic> d) => KubeModelMapper.ToModel(Read<V1StatefulSet>(e), d);

    /// <summary>A ConfigMap read through a metadata.name field selector; anything else the server sends is refused, never kept.</summary>
    public static Func<JsonElement, ICollection<SourceDiagnostic>, IClusterObject> ConfigMap(string expectedName) => (e, d) =>
    {
        var cm = Read<V1ConfigMap>(e);
        if (cm.Metadata?.Name != expectedName)
        {
            throw new InvalidOperationException($"asked for ConfigMaps named {expectedName}, the server sent {cm.Metadata?.Name ?? "(unnamed)"}; not kept");
        }

        return KubeModelMapper.ToModel(cm, d);
    };

    public static IClusterObject IpPool(JsonElement e, ICollection<SourceDiagnostic> d) => KubeModelMapper.ToIpPool(e, d);

    public static IClusterObject BgpConfiguration(JsonElement e, ICollection<SourceDiagnostic> d) => KubeModelMapper.ToBgpConfiguration(e, d);

    public static IClusterObject CalicoNetworkPolicy(JsonElement e, ICollection<SourceDiagnostic> d) => KubeModelMapper.ToCalicoPolicy(e, CalicoPolicyKind.NetworkPolicy, d);

    public static IClusterObject CalicoGlobalNetworkPolicy(JsonElement e, ICollection<SourceDiagnostic> d) => KubeModelMapper.ToCalicoPolicy(e, CalicoPolicyKind.GlobalNetworkPolicy, d);

    public static IClusterObject CalicoTier(JsonElement e, ICollection<SourceDiagnostic> d) => KubeModelMapper.ToCalicoTier(e, d);

    public static IClusterObject CalicoNetworkSet(JsonElement e, ICollection<SourceDiagnostic> d) => KubeModelMapper.ToCalicoNetworkSet(e, CalicoNetworkSetKind.NetworkSet, d);

    public static IClusterObject CalicoGlobalNetworkSet(JsonElement e, ICollection<SourceDiagnostic> d) => KubeModelMapper.ToCalicoNetworkSet(e, CalicoNetworkSetKind.GlobalNetworkSet, d);

    public static IClusterObject ServiceAccount(JsonElement e, ICollection<SourceDiagnostic> d) => KubeModelMapper.ToServiceAccount(e, d);

    public static IClusterObject GatewayClass(JsonElement e, ICollection<SourceDiagnostic> d) => KubeModelMapper.ToGatewayClass(e, d);

    public static IClusterObject Gateway(JsonElement e, ICollection<SourceDiagnostic> d) => KubeModelMapper.ToGateway(e, d);

    public static Func<JsonElement, ICollection<SourceDiagnostic>, IClusterObject> Route(GatewayRouteKind kind) => (e, d) => KubeModelMapper.ToGatewayRoute(e, kind, d);

    public static IClusterObject ReferenceGrant(JsonElement e, ICollection<SourceDiagnostic> d) => KubeModelMapper.ToReferenceGrant(e, d);

    public static IClusterObject ClientTrafficPolicy(JsonElement e, ICollection<SourceDiagnostic> d) => KubeModelMapper.ToClientTrafficPolicy(e, d);

    public static IClusterObject ClusterNetworkPolicy(JsonElement e, ICollection<SourceDiagnostic> d) => KubeModelMapper.ToClusterNetworkPolicy(e, d);

    public static IClusterObject AdminNetworkPolicy(JsonElement e, ICollection<SourceDiagnostic> d) => KubeModelMapper.ToAdminNetworkPolicy(e, d);

    public static IClusterObject BaselineAdminNetworkPolicy(JsonElement e, ICollection<SourceDiagnostic> d) => KubeModelMapper.ToBaselineAdminNetworkPolicy(e, d);

    public static IClusterObject EnvoyProxy(JsonElement e, ICollection<SourceDiagnostic> d) => KubeModelMapper.ToEnvoyProxy(e, d);

    public static IClusterObject NginxProxy(JsonElement e, ICollection<SourceDiagnostic> d) => KubeModelMapper.ToNginxProxy(e, d);

    public static IClusterObject Installation(JsonElement e, ICollection<SourceDiagnostic> d) => KubeModelMapper.ToInstallation(e, d);

    public static IClusterObject NetworkAttachmentDefinition(JsonElement e, ICollection<SourceDiagnostic> d) => KubeModelMapper.ToNetworkAttachmentDefinition(e, d);

    public static IClusterObject MultiNetworkPolicy(JsonElement e, ICollection<SourceDiagnostic> d) => KubeModelMapper.ToMultiNetworkPolicy(e, d);

    // Readers for the KubernetesClient kinds: the same models and mappers as the element converters above, decoded
    // from the item's bytes (no document per item or page). LiveStreamDecodeTests prove both give the same objects.
    public static readonly ItemReader NodeReader = Typed<V1Node>(KubeModelMapper.ToModel);
    public static readonly ItemReader NamespaceReader = Typed<V1Namespace>(KubeModelMapper.ToModel);
    public static readonly ItemReader PodReader = Typed<V1Pod>(KubeModelMapper.ToModel);
    public static readonly ItemReader ServiceReader = Typed<V1Service>(KubeModelMapper.ToModel);
    public static readonly ItemReader EndpointSliceReader = Typed<V1EndpointSlice>(KubeModelMapper.ToModel);
    public static readonly ItemReader EndpointsReader = Typed<V1Endpoints>(KubeModelMapper.ToModel);
    public static readonly ItemReader NetworkPolicyReader = Typed<V1NetworkPolicy>(KubeModelMapper.ToModel);
    public static readonly ItemReader IngressReader = Typed<V1Ingress>(KubeModelMapper.ToModel);
    public static readonly ItemReader IngressClassReader = Typed<V1IngressClass>(KubeModelMapper.ToModel);
    public static readonly ItemReader DaemonSetReader = Typed<V1DaemonSet>(KubeModelMapper.ToModel);
    public static readonly ItemReader DeploymentReader = Typed<V1Deployment>(KubeModelMapper.ToModel);
    public static readonly ItemReader StatefulSetReader = Typed<V1StatefulSet>(KubeModelMapper.ToModel);

    private static ItemReader Typed<T>(Func<T, ICollection<SourceDiagnostic>, IClusterObject> map) where T : class, IMetadata<V1ObjectMeta> =>
        (ReadOnlySpan<byte> json, ICollection<SourceDiagnostic> diagnostics, out ObjectKey? key) =>
        {
            var model = LiveJson.Deserialize<T>(json);
            key = model.Metadata?.Name is { } name ? new ObjectKey(model.Metadata.NamespaceProperty ?? "", name) : null;
            return map(model, diagnostics);
        };

    private static T Read<T>(JsonElement e) where T : class => LiveJson.Deserialize<T>(e);
}
