using ClusterNet.Core.Model;

namespace ClusterNet.Kubernetes.Tests.Live;

/// <summary>
/// Minimal CRDs (apiextensions.k8s.io/v1, which the 1.20 test server serves) for the Gateway API kinds and the
/// implementation kinds the live source reads. Schemas keep unknown fields: the server stores what the test writes,
/// like the upstream CRDs do for the fields we read. Versions are chosen to exercise the discovery fallback: Gateway
/// and HTTPRoute are served as v1 and v1beta1 (v1 wins), TLSRoute only as v1alpha2 (the last candidate), NginxProxy
/// only as v1alpha2 (the first candidate).
/// </summary>
internal static class GatewayApiCrds
{
    /// <summary>Kinds backed by CRDs: "not served" until <see cref="Manifest"/> is applied.</summary>
    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>(StringComparer.Ordinal)
    {
        ResourceKind.GatewayClasses, ResourceKind.Gateways, ResourceKind.HttpRoutes, ResourceKind.GrpcRoutes, ResourceKind.TlsRoutes,
        ResourceKind.TcpRoutes, ResourceKind.UdpRoutes, ResourceKind.ReferenceGrants, ResourceKind.ClientTrafficPolicies,
        ResourceKind.EnvoyProxies, ResourceKind.NginxProxies,
    };

    public static readonly string[] Names =
    [
        "gatewayclasses.gateway.networking.k8s.io", "gateways.gateway.networking.k8s.io", "httproutes.gateway.networking.k8s.io",
        "grpcroutes.gateway.networking.k8s.io", "tlsroutes.gateway.networking.k8s.io", "tcproutes.gateway.networking.k8s.io",
        "udproutes.gateway.networking.k8s.io", "referencegrants.gateway.networking.k8s.io", "clienttrafficpolicies.gateway.envoyproxy.io",
        "envoyproxies.gateway.envoyproxy.io", "nginxproxies.gateway.nginx.org",
    ];

    public static string Manifest => string.Join("---\n",
        Crd("gateway.networking.k8s.io", "GatewayClass", "gatewayclasses", "Cluster", "v1", "v1beta1"),
        Crd("gateway.networking.k8s.io", "Gateway", "gateways", "Namespaced", "v1", "v1beta1"),
        Crd("gateway.networking.k8s.io", "HTTPRoute", "httproutes", "Namespaced", "v1", "v1beta1"),
        Crd("gateway.networking.k8s.io", "GRPCRoute", "grpcroutes", "Namespaced", "v1"),
        Crd("gateway.networking.k8s.io", "TLSRoute", "tlsroutes", "Namespaced", "v1alpha2"),
        Crd("gateway.networking.k8s.io", "TCPRoute", "tcproutes", "Namespaced", "v1alpha2"),
        Crd("gateway.networking.k8s.io", "UDPRoute", "udproutes", "Namespaced", "v1alpha2"),
        Crd("gateway.networking.k8s.io", "ReferenceGrant", "referencegrants", "Namespaced", "v1beta1"),
        Crd("gateway.envoyproxy.io", "ClientTrafficPolicy", "clienttrafficpolicies", "Namespaced", "v1alpha1"),
        Crd("gateway.envoyproxy.io", "EnvoyProxy", "envoyproxies", "Namespaced", "v1alpha1"),
        Crd("gateway.nginx.org", "NginxProxy", "nginxproxies", "Namespaced", "v1alpha2"));

    /// <summary>kubectl wait arguments: every CRD established.</summary>
    public static string[] WaitEstablished => ["wait", "--for=condition=established", "--timeout=30s", .. Names.Select(n => "crd/" + n)];

    private static string Crd(string group, string kind, string plural, string scope, params string[] versions)
    {
        // The first version listed is the storage version.
        var list = string.Join("\n", versions.Select((v, i) =>
            $"  - {{name: {v}, served: true, storage: {(i == 0 ? "true" : "false")}, schema: {{openAPIV3Schema: {{type: object, x-kubernetes-preserve-unknown-fields: true}}}}}}"));
        return $$"""
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: {{plural}}.{{group}}
              # *.k8s.io groups are protected: the API server wants the approval annotation the upstream CRDs carry.
              annotations: {api-approved.kubernetes.io: "https://github.com/kubernetes-sigs/gateway-api/pull/1538"}
            spec:
              group: {{group}}
              scope: {{scope}}
              names: {kind: {{kind}}, listKind: {{kind}}List, plural: {{plural}}, singular: {{kind.ToLowerInvariant()}}}
              versions:
            {{list}}

            """;
    }
}
