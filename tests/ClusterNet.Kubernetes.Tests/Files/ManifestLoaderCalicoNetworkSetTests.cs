using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Files;

namespace ClusterNet.Kubernetes.Tests.Files;

/// <summary>
/// Calico NetworkSet / GlobalNetworkSet (both groups) and ServiceAccount read from manifests: labels, nets, the default
/// namespace, bad nets located by line with the rest still loaded, and nothing of a ServiceAccount but its metadata.
/// </summary>
public sealed class ManifestLoaderCalicoNetworkSetTests
{
    private const string Yaml = """
        apiVersion: projectcalico.org/v3
        kind: GlobalNetworkSet
        metadata: {name: blocklist, labels: {role: blocked}}
        spec:
          nets: [10.9.0.0/16, 192.0.2.7, 2001:db8::/32]
        ---
        apiVersion: crd.projectcalico.org/v1
        kind: NetworkSet
        metadata: {name: partners, namespace: shop, labels: {role: partner}}
        spec:
          nets:
          - 198.51.100.0/28
          - not-a-net
          allowedEgressDomains: [db.example.com]
        ---
        apiVersion: projectcalico.org/v3
        kind: NetworkSet
        metadata: {name: no-namespace}
        spec: {nets: [203.0.113.0/24]}
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: web, namespace: shop, labels: {team: frontend}}
        secrets: [{name: web-token-abcde}]
        automountServiceAccountToken: false
        """;

    [Fact]
    public void LoadText_NetworkSetsAndServiceAccount_Read()
    {
        var result = ManifestLoader.LoadText(Yaml, "sets.yaml");
        var snap = result.ToSnapshot(new SourceInfo("file", "sets.yaml"));

        var global = Assert.Single(snap.CalicoGlobalNetworkSets);
        Assert.Equal(("blocklist", CalicoNetworkSetKind.GlobalNetworkSet, "blocked"), (global.Name, global.Kind, global.Labels["role"]));
        Assert.Equal(["10.9.0.0/16", "192.0.2.7", "2001:db8::/32"], global.Nets.ToArray());
        Assert.Equal("GlobalNetworkSet blocklist", global.DisplayName);

        var partners = snap.CalicoNetworkSets.Get("shop", "partners")!;
        Assert.Equal(["198.51.100.0/28", "not-a-net"], partners.Nets.ToArray());
        Assert.NotNull(snap.CalicoNetworkSets.Get("default", "no-namespace"));

        var sa = snap.ServiceAccounts.Get("shop", "web")!;
        Assert.Equal("frontend", sa.Labels["team"]);
        Assert.Equal(3, snap.StatusOf(ResourceKind.CalicoNetworkSets).Count + snap.StatusOf(ResourceKind.CalicoGlobalNetworkSets).Count);
    }

    [Fact]
    public void LoadText_BadNetAndEnterpriseField_ReportedWithObjectFieldAndLine()
    {
        var result = ManifestLoader.LoadText(Yaml, "sets.yaml");

        var bad = Assert.Single(result.Diagnostics, d => d.Field == "spec.nets[1]");
        Assert.Equal("NetworkSet shop/partners", bad.Object);
        Assert.Contains("not a CIDR", bad.Message, StringComparison.Ordinal);
        Assert.Equal(13, bad.Line);
        Assert.Contains(result.Diagnostics, d => d.Field == "spec.allowedEgressDomains" && d.Message.Contains("not modelled", StringComparison.Ordinal));
        // Kept on the set so lint and verdicts can name it (never matched).
        Assert.Equal(["db.example.com"], result.Objects.OfType<CalicoNetworkSetInfo>().Single(s => s.Name == "partners").AllowedEgressDomains.ToArray());
    }
}
