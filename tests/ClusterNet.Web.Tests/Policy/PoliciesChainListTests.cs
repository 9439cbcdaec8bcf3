using Bunit;
using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Files;
using ClusterNet.Testing.Policy;

namespace ClusterNet.Web.Tests.Policy;

/// <summary>
/// The cell explanation lists the tier chain, verdict first: an Admin-tier ClusterNetworkPolicy passes the connection
/// to NetworkPolicy, whose rule allows it.
/// </summary>
public sealed class PoliciesChainListTests() : PoliciesTestContext(Objects)
{
    private const string Yaml = TierTestCluster.DbAndWeb + """

        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: dev}
        ---
        apiVersion: policy.networking.k8s.io/v1alpha2
        kind: ClusterNetworkPolicy
        metadata: {name: block-db}
        spec:
          tier: Admin
          priority: 10
          subject: {namespaces: {matchLabels: {team: db}}}
          ingress:
          - {action: Deny, from: [{namespaces: {matchLabels: {team: nope}}}]}
          - {action: Pass, from: [{pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: web}}}}]}
        """;

    private static IReadOnlyList<IClusterObject> Objects => ManifestLoader.LoadText(Yaml, "chain.yaml").Objects;

    [Fact]
    public void Cell_AdminPassThenNetworkPolicyAllow_ListsVerdictThenEachStep()
    {
        var cut = RenderPage(("from", "dev"), ("to", "db"), ("cell", "dev/web>db/pg"), ("probe", "5432/TCP"));

        var chain = cut.Find("[data-testid=policy-chain-ingress]");
        Assert.Equal("Ingress: allowed", chain.QuerySelector("[data-testid=policy-chain-verdict]")!.TextContent.Trim());
        var steps = chain.QuerySelectorAll("[data-testid=policy-chain-step]");
        Assert.Equal(2, steps.Length);
        string Part(int i, string part) => steps[i].QuerySelector($"[data-testid=policy-chain-{part}]")?.TextContent.Trim() ?? "";
        Assert.Equal(("Admin tier", "ClusterNetworkPolicy block-db", "ingress rule 2", "pass"), (Part(0, "tier"), Part(0, "policy"), Part(0, "rule"), Part(0, "action")));
        Assert.Equal(("NetworkPolicy", "NetworkPolicy db/allow-pg", "ingress[0]", "allow"), (Part(1, "tier"), Part(1, "policy"), Part(1, "rule"), Part(1, "action")));
        Assert.Contains("ingress rule 2 `Pass`", steps[0].GetAttribute("title"));
    }
}
