using ClusterNet.Core.Model;

namespace ClusterNet.Kubernetes.Tests.Live;

/// <summary>
/// Minimal CRDs (apiextensions.k8s.io/v1) for Calico's policy kinds as Calico installs them when its API server is absent:
/// crd.projectcalico.org/v1 NetworkPolicy and NetworkSet (namespaced), GlobalNetworkPolicy, Tier and GlobalNetworkSet
/// (cluster-scoped). <see cref="V3Manifest"/> installs the same kinds as projectcalico.org/v3, standing in for the Calico
/// API server (the test control plane cannot run it). Schemas keep unknown fields and validate nothing, so a test can
/// store a bad selector and see the source report it.
/// </summary>
internal static class CalicoPolicyCrds
{
    public const string CrdGroup = "crd.projectcalico.org";
    public const string ApiServerGroup = "projectcalico.org";

    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>(StringComparer.Ordinal)
    {
        ResourceKind.CalicoNetworkPolicies, ResourceKind.CalicoGlobalNetworkPolicies, ResourceKind.CalicoTiers,
        ResourceKind.CalicoNetworkSets, ResourceKind.CalicoGlobalNetworkSets,
    };

    private static readonly (string Kind, string Plural, string Scope)[] Resources =
    [
        ("NetworkPolicy", "networkpolicies", "Namespaced"),
        ("GlobalNetworkPolicy", "globalnetworkpolicies", "Cluster"),
        ("Tier", "tiers", "Cluster"),
        ("NetworkSet", "networksets", "Namespaced"),
        ("GlobalNetworkSet", "globalnetworksets", "Cluster"),
    ];

    public static readonly string[] Names = NamesIn(CrdGroup);

    public static string Manifest => ManifestFor(CrdGroup, "v1");

    /// <summary>The same five kinds as projectcalico.org/v3 (what the Calico API server serves).</summary>
    public static string V3Manifest => ManifestFor(ApiServerGroup, "v3");

    public static string[] WaitEstablished => ["wait", "--for=condition=established", "--timeout=30s", .. Names.Select(n => "crd/" + n)];

    public static string[] V3WaitEstablished => ["wait", "--for=condition=established", "--timeout=30s", .. NamesIn(ApiServerGroup).Select(n => "crd/" + n)];

    public static string[] Delete => ["delete", "--ignore-not-found", "--wait=true", .. Names.Select(n => "crd/" + n)];

    public static string[] V3Delete => ["delete", "--ignore-not-found", "--wait=true", .. NamesIn(ApiServerGroup).Select(n => "crd/" + n)];

    private static string[] NamesIn(string group) => [.. Resources.Select(r => $"{r.Plural}.{group}")];

    private static string ManifestFor(string group, string version) => string.Join("---\n", Resources.Select(r => Crd(r.Kind, r.Plural, r.Scope, group, version)));

    private static string Crd(string kind, string plural, string scope, string group, string version) => $$$"""
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
