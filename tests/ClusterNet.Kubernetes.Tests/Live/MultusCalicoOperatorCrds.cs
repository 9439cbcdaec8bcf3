using ClusterNet.Core.Model;

namespace ClusterNet.Kubernetes.Tests.Live;

/// <summary>
/// Minimal CRDs, written for the tests, for the Tigera operator's Installation and Multus' NetworkAttachmentDefinition
/// and MultiNetworkPolicy (schemas keep unknown fields, as the upstream CRDs do for the fields read).
/// </summary>
internal static class MultusCalicoOperatorCrds
{
    /// <summary>Kinds backed by these CRDs: "not served" until <see cref="Manifest"/> is applied.</summary>
    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>(StringComparer.Ordinal)
    {
        ResourceKind.Installations, ResourceKind.NetworkAttachmentDefinitions, ResourceKind.MultiNetworkPolicies,
    };

    public static readonly string[] Names =
    [
        "installations.operator.tigera.io", "network-attachment-definitions.k8s.cni.cncf.io", "multi-networkpolicies.k8s.cni.cncf.io",
    ];

    public static string Manifest => string.Join("---\n",
        Crd("operator.tigera.io", "Installation", "installations", "Cluster", "v1"),
        Crd("k8s.cni.cncf.io", "NetworkAttachmentDefinition", "network-attachment-definitions", "Namespaced", "v1"),
        Crd("k8s.cni.cncf.io", "MultiNetworkPolicy", "multi-networkpolicies", "Namespaced", "v1beta1"));

    public static string[] WaitEstablished => ["wait", "--for=condition=established", "--timeout=30s", .. Names.Select(n => "crd/" + n)];

    private static string Crd(string group, string kind, string plural, string scope, string version) => $$$"""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: {{{plural}}}.{{{group}}}
        spec:
          group: {{{group}}}
          scope: {{{scope}}}
          names: {kind: {{{kind}}}, listKind: {{{kind}}}List, plural: {{{plural}}}, singular: {{{kind.ToLowerInvariant()}}}}
          versions:
          - name: {{{version}}}
            served: true
            storage: true
            schema:
              openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}

        """;
}
