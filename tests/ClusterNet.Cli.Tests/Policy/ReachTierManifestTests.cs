using System.Text.Json;
using ClusterNet.Testing.Policy;

namespace ClusterNet.Cli.Tests.Policy;

/// <summary>
/// `clusternet reach --manifests` with ClusterNetworkPolicy / AdminNetworkPolicy / BaselineAdminNetworkPolicy in the
/// YAML: the JSON contract is unchanged, `reason` names the tier and the policy, `caveat` appears for priority ties.
/// </summary>
public sealed class ReachTierManifestTests : IDisposable
{
    private const string Pods = TierTestCluster.DbAndWeb;

    private const string BlockDb = """
        ---
        apiVersion: policy.networking.k8s.io/v1alpha2
        kind: ClusterNetworkPolicy
        metadata: {name: block-db}
        spec:
          tier: Admin
          priority: 10
          subject: {namespaces: {matchLabels: {team: db}}}
          ingress:
          - {action: Deny, from: [{pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: web}}}}], protocols: [{destinationNamedPort: pg}]}
        """;

    private const string AllowDb = """
        ---
        apiVersion: policy.networking.k8s.io/v1alpha1
        kind: AdminNetworkPolicy
        metadata: {name: allow-db}
        spec:
          priority: 10
          subject: {namespaces: {matchLabels: {team: db}}}
          ingress:
          - {action: Allow, from: [{namespaces: {}}], ports: [{portNumber: {protocol: TCP, port: 5432}}]}
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("reach-tiers-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        return (CliApp.Run(args, o, e), o.ToString(), e.ToString());
    }

    private JsonElement Cell(string yaml)
    {
        var path = Path.Combine(_dir, "cluster.yaml");
        File.WriteAllText(path, yaml);
        var (code, output, err) = Run("reach", "--manifests", path, "--from", "dev/web", "--to", "db/pg", "--probe", "5432/TCP", "--format", "json");
        Assert.True(code == 0, err);
        return Assert.Single(JsonDocument.Parse(output).RootElement.GetProperty("cells").EnumerateArray());
    }

    [Fact]
    public void AdminDeny_OverridesTheNetworkPolicyAllow_ReasonNamesTierAndPolicy()
    {
        var cell = Cell(Pods + "\n" + BlockDb);
        Assert.False(cell.GetProperty("allowed").GetBoolean());
        Assert.Contains("Admin tier: ClusterNetworkPolicy `block-db` priority 10, ingress rule 1 `Deny`", cell.GetProperty("reason").GetString());
        // No tie caveat: the only caveat is the enforcement qualifier every cell carries when no CNI was recognised.
        Assert.Equal("enforcement unknown: the CNI was not recognised", cell.GetProperty("caveat").GetString());
        Assert.Equal(["from", "to", "port", "protocol", "allowed", "reason", "caveat"], cell.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void EqualPriorities_Disagreeing_CaveatSaysImplementationDefined()
    {
        var cell = Cell(Pods + "\n" + BlockDb + "\n" + AllowDb);
        var caveat = cell.GetProperty("caveat").GetString();
        Assert.Contains("share priority 10", caveat);
        Assert.Contains("implementation-defined", caveat);
    }

    [Fact]
    public void BadClusterPolicy_Exit2NamingObjectAndField()
    {
        var path = Path.Combine(_dir, "bad.yaml");
        File.WriteAllText(path, Pods + "\n" + BlockDb.Replace("priority: 10", "priority: 5000", StringComparison.Ordinal));
        var (code, _, err) = Run("reach", "--manifests", path, "--format", "json");
        Assert.Equal(2, code);
        Assert.Contains("ClusterNetworkPolicy block-db", err);
        Assert.Contains("spec.priority", err);
    }
}
