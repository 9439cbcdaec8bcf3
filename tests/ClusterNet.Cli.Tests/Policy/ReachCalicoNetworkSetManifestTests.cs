using System.Text.Json;

namespace ClusterNet.Cli.Tests.Policy;

/// <summary>
/// `clusternet reach --manifests` with a Calico GlobalNetworkSet: an external address in the set is matched by the rule
/// selector that picks the set, and `reason` names the set and its net; `--with`/`--without` edit sets too; the JSON contract is unchanged.
/// </summary>
public sealed class ReachCalicoNetworkSetManifestTests : IDisposable
{
    private const string Cluster = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: db}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: pg, namespace: db, labels: {app: pg}}
        spec:
          containers: [{name: pg, image: postgres, ports: [{containerPort: 5432}]}]
        status: {podIP: 10.244.1.2}
        ---
        apiVersion: projectcalico.org/v3
        kind: GlobalNetworkSet
        metadata: {name: blocklist, labels: {role: blocked}}
        spec: {nets: [10.9.0.0/16]}
        ---
        apiVersion: projectcalico.org/v3
        kind: GlobalNetworkPolicy
        metadata: {name: deny-blocked}
        spec:
          order: 10
          selector: app == 'pg'
          types: [Ingress]
          ingress:
          - {action: Deny, source: {selector: role == 'blocked'}}
          - {action: Allow}
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("reach-netset-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private JsonElement Cell(string from, params string[] whatIf)
    {
        var path = Path.Combine(_dir, "cluster.yaml");
        File.WriteAllText(path, Cluster);
        var o = new StringWriter();
        var e = new StringWriter();
        var code = CliApp.Run(["reach", "--manifests", path, "--from", from, "--to", "db/pg", "--probe", "5432/TCP", "--format", "json", .. whatIf], o, e);
        Assert.True(code == 0, e.ToString());
        return Assert.Single(JsonDocument.Parse(o.ToString()).RootElement.GetProperty("cells").EnumerateArray());
    }

    [Fact]
    public void Reach_FromAddressInGlobalNetworkSet_DeniedAndReasonNamesTheSet()
    {
        var blocked = Cell("10.9.8.7");
        var other = Cell("10.8.8.7");

        Assert.False(blocked.GetProperty("allowed").GetBoolean());
        Assert.Contains("GlobalNetworkPolicy deny-blocked order 10 ingress rule 1 `Deny` (source 10.9.8.7 in GlobalNetworkSet `blocklist` 10.9.0.0/16)", blocked.GetProperty("reason").GetString());
        Assert.Equal(["from", "to", "port", "protocol", "allowed", "reason", "caveat"], blocked.EnumerateObject().Select(p => p.Name));
        Assert.True(other.GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public void Reach_WithNetworkSetFileAndWithoutGlobalNetworkSet_WhatIfFollowsTheSets()
    {
        var widened = Path.Combine(_dir, "widened.yaml");
        File.WriteAllText(widened, """
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkSet
            metadata: {name: blocklist, labels: {role: blocked}}
            spec: {nets: [10.8.0.0/16]}
            """);

        var moved = Cell("10.8.8.7", "--with", widened);
        var dropped = Cell("10.9.8.7", "--without", "GlobalNetworkSet/blocklist");

        Assert.False(moved.GetProperty("allowed").GetBoolean());
        Assert.Contains("(source 10.8.8.7 in GlobalNetworkSet `blocklist` 10.8.0.0/16)", moved.GetProperty("reason").GetString());
        Assert.True(dropped.GetProperty("allowed").GetBoolean());
    }
}
