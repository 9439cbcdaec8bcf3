using ClusterNet.Core.Model;

namespace ClusterNet.Kubernetes.Tests.Live;

/// <summary>
/// Minimal CRDs (apiextensions.k8s.io/v1) for Calico's policy kinds as Calico installs them when its API server is absent:
/// crd.projectcalico.org/v1 NetworkPolicy (namespaced), GlobalNetworkPolicy and Tier (cluster-scoped). Schemas keep
/// unknown fields and validate nothing, so a test can store a bad selector and see the source report it.
/// </summary>
internal static class CalicoPolicyCrds
{
    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>(StringComparer.Ordinal)
    {
        ResourceKind.CalicoNetworkPolicies, ResourceKind.CalicoGlobalNetworkPolicies, ResourceKind.CalicoTiers,
    };

    public static readonly string[] Names =
    [
        "networkpolicies.crd.projectcalico.org", "globalnetworkpolicies.crd.projectcalico.org", "tiers.crd.projectcalico.org",
    ];

    public static string Manifest => string.Join("---\n",
        Crd("NetworkPolicy", "networkpolicies", "Namespaced"),
        Crd("GlobalNetworkPolicy", "globalnetworkpolicies", "Cluster"),
        Crd("Tier", "tiers", "Cluster"));

    public static string[] WaitEstablished => ["wait", "--for=condition=established", "--timeout=30s", .. Names.Select(n => "crd/" + n)];

    public static string[] Delete => ["delete", "--ignore-not-found", "--wait=true", .. Names.Select(n => "crd/" + n)];

    private static string Crd(string kind, string plural, string scope) => $$$"""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: {{{plural}}}.crd.projectcalico.org
        spec:
          group: crd.projectcalico.org
          scope: {{{scope}}}
          names: {kind: {{{kind}}}, listKind: {{{kind}}}List, plural: {{{plural}}}, singular: {{{kind.ToLowerInvariant()}}}}
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}

        """;
}
