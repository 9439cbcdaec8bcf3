using System.Text.Json;
using ClusterNet.Testing.Policy;

namespace ClusterNet.Cli.Tests.Policy;

/// <summary>
/// `clusternet reach --manifests` with Calico Tier / GlobalNetworkPolicy / NetworkPolicy (projectcalico.org/v3) in the
/// YAML: the JSON contract is unchanged and `reason` names the Calico tier, policy, rule and action.
/// </summary>
public sealed class ReachCalicoManifestTests : IDisposable
{
    private const string Cluster = TierTestCluster.DbAndWeb + """

        ---
        apiVersion: projectcalico.org/v3
        kind: Tier
        metadata: {name: security}
        spec: {order: 100}
        """;

    private const string DenyWeb = """
        ---
        apiVersion: projectcalico.org/v3
        kind: GlobalNetworkPolicy
        metadata: {name: security.deny-web-to-db}
        spec:
          tier: security
          order: 10
          namespaceSelector: team == 'db'
          selector: all()
          types: [Ingress]
          ingress:
          - action: Log
          - action: Deny
            protocol: TCP
            source: {selector: app == 'web' && !has(debug), namespaceSelector: all()}
            destination: {ports: ["5000:6000"]}
        """;

    private const string PassWeb = """
        ---
        apiVersion: projectcalico.org/v3
        kind: GlobalNetworkPolicy
        metadata: {name: security.pass-web}
        spec:
          tier: security
          order: 10
          selector: app == 'pg'
          ingress:
          - action: Pass
            source: {namespaceSelector: projectcalico.org/name == 'dev'}
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("reach-calico-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        return (CliApp.Run(args, o, e), o.ToString(), e.ToString());
    }

    private JsonElement Cell(string yaml, params string[] whatIf)
    {
        var path = Path.Combine(_dir, "cluster.yaml");
        File.WriteAllText(path, yaml);
        var (code, output, err) = Run(["reach", "--manifests", path, "--from", "dev/web", "--to", "db/pg", "--probe", "5432/TCP", "--format", "json", .. whatIf]);
        Assert.True(code == 0, err);
        return Assert.Single(JsonDocument.Parse(output).RootElement.GetProperty("cells").EnumerateArray());
    }

    [Fact]
    public void CalicoDenyInSecurityTier_OverridesNetworkPolicyAllow_ReasonNamesTierPolicyRule()
    {
        var cell = Cell(Cluster + "\n" + DenyWeb);

        Assert.False(cell.GetProperty("allowed").GetBoolean());
        Assert.Contains("tier security (order 100): GlobalNetworkPolicy security.deny-web-to-db order 10 ingress rule 2 `Deny`", cell.GetProperty("reason").GetString());
        Assert.Equal(["from", "to", "port", "protocol", "allowed", "reason", "caveat"], cell.EnumerateObject().Select(p => p.Name));
        Assert.DoesNotContain("implementation-defined", cell.GetProperty("caveat").GetString());
    }

    [Fact]
    public void CalicoPass_NetworkPolicyInDefaultTierDecides()
    {
        var cell = Cell(Cluster + "\n" + PassWeb);

        Assert.True(cell.GetProperty("allowed").GetBoolean());
        var reason = cell.GetProperty("reason").GetString();
        Assert.Contains("GlobalNetworkPolicy security.pass-web order 10 ingress rule 1 `Pass`", reason);
    }

    [Fact]
    public void With_ACalicoGlobalNetworkPolicy_FlipsTheCellToDenied()
    {
        var with = Path.Combine(_dir, "deny.yaml");
        File.WriteAllText(with, DenyWeb);

        Assert.True(Cell(Cluster).GetProperty("allowed").GetBoolean());
        var cell = Cell(Cluster, "--with", with);

        Assert.False(cell.GetProperty("allowed").GetBoolean());
        Assert.Contains("GlobalNetworkPolicy security.deny-web-to-db", cell.GetProperty("reason").GetString());
    }

    [Fact]
    public void Without_GlobalNetworkPolicyByKindAndName_FlipsTheCellBack()
    {
        var cell = Cell(Cluster + "\n" + DenyWeb, "--without", "GlobalNetworkPolicy/security.deny-web-to-db");

        Assert.True(cell.GetProperty("allowed").GetBoolean());
    }

    [Theory]
    [InlineData("GlobalNetworkPolicy/nope", "--without GlobalNetworkPolicy/nope: no GlobalNetworkPolicy nope in")]
    [InlineData("CalicoNetworkPolicy/db/nope", "--without CalicoNetworkPolicy/db/nope: no Calico NetworkPolicy db/nope in")]
    [InlineData("ClusterNetworkPolicy/nope", "--without ClusterNetworkPolicy/nope: no ClusterNetworkPolicy nope in")]
    [InlineData("db/nope", "--without db/nope: no NetworkPolicy db/nope in")]
    [InlineData("Bogus/nope", "--without 'Bogus/nope': expected NAMESPACE/NAME or KIND/NAME")]
    public void Without_AMissingOrMalformedPolicy_Exit2NamingIt(string key, string message)
    {
        var path = Path.Combine(_dir, "cluster.yaml");
        File.WriteAllText(path, Cluster);

        var (code, _, err) = Run("reach", "--manifests", path, "--format", "json", "--without", key);

        Assert.Equal(2, code);
        Assert.Contains(message, err);
    }

    [Fact]
    public void BadCalicoSelector_Exit2NamingObjectFieldAndPosition()
    {
        var path = Path.Combine(_dir, "bad.yaml");
        File.WriteAllText(path, Cluster + "\n" + DenyWeb.Replace("app == 'web' && !has(debug)", "app == 'web' &&", StringComparison.Ordinal));

        var (code, _, err) = Run("reach", "--manifests", path, "--format", "json");

        Assert.Equal(2, code);
        Assert.Contains("GlobalNetworkPolicy security.deny-web-to-db", err);
        Assert.Contains("spec.ingress[1].source.selector", err);
        Assert.Contains("at position 16", err);
    }
}
