using ClusterNet.Core.Model;

namespace ClusterNet.Kubernetes.Tests.Live;

/// <summary>
/// Minimal CRDs (apiextensions.k8s.io/v1) for policy.networking.k8s.io: ClusterNetworkPolicy v1alpha2 and
/// AdminNetworkPolicy / BaselineAdminNetworkPolicy v1alpha1, all cluster-scoped. Schemas keep unknown fields and
/// validate nothing, so a test can store what the real CRDs would reject (priority 2000) and see the source report it.
/// </summary>
internal static class PolicyApiCrds
{
    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>(StringComparer.Ordinal)
    {
        ResourceKind.ClusterNetworkPolicies, ResourceKind.AdminNetworkPolicies, ResourceKind.BaselineAdminNetworkPolicies,
    };

    public static readonly string[] Names =
    [
        "clusternetworkpolicies.policy.networking.k8s.io", "adminnetworkpolicies.policy.networking.k8s.io",
        "baselineadminnetworkpolicies.policy.networking.k8s.io",
    ];

    public static string Manifest => string.Join("---\n",
        Crd("ClusterNetworkPolicy", "clusternetworkpolicies", "v1alpha2"),
        Crd("AdminNetworkPolicy", "adminnetworkpolicies", "v1alpha1"),
        Crd("BaselineAdminNetworkPolicy", "baselineadminnetworkpolicies", "v1alpha1"));

    public static string[] WaitEstablished => ["wait", "--for=condition=established", "--timeout=30s", .. Names.Select(n => "crd/" + n)];

    public static string[] Delete => ["delete", "--ignore-not-found", "--wait=true", .. Names.Select(n => "crd/" + n)];

    private static string Crd(string kind, string plural, string version) => $$$"""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: {{{plural}}}.policy.networking.k8s.io
          # *.k8s.io groups are protected: the API server wants the approval annotation the upstream CRDs carry.
          annotations: {api-approved.kubernetes.io: "https://github.com/kubernetes-sigs/network-policy-api/pull/30"}
        spec:
          group: policy.networking.k8s.io
          scope: Cluster
          names: {kind: {{{kind}}}, listKind: {{{kind}}}List, plural: {{{plural}}}, singular: {{{kind.ToLowerInvariant()}}}}
          versions:
          - name: {{{version}}}
            served: true
            storage: true
            schema:
              openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}

        """;
}
