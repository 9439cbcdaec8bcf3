using System.Text.Json;

namespace ClusterNet.Cli.Tests.Policy;

/// <summary>`clusternet reach` end to end through CliApp and the real ManifestLoader, on YAML written to a temp dir.</summary>
public sealed class ReachManifestTests : IDisposable
{
    private const string Cluster = """
        apiVersion: v1
        kind: Pod
        metadata: {name: pod1, namespace: dev, labels: {app: myapp}}
        spec:
          containers:
          - name: myapp
            image: ikubernetes/myapp:v1
            ports: [{containerPort: 80, name: http}]
        status: {podIP: 10.244.1.2}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: pod1, namespace: prod, labels: {app: myapp}}
        spec:
          containers:
          - name: myapp
            image: ikubernetes/myapp:v1
        status: {podIP: 10.244.2.2}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: deny-all-egress, namespace: prod}
        spec:
          podSelector: {}
          policyTypes: [Egress]
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("reach-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        return (CliApp.Run(args, o, e), o.ToString(), e.ToString());
    }

    [Fact]
    public void Reach_YamlManifests_DenyAllEgressBlocksProd()
    {
        var path = Path.Combine(_dir, "cluster.yaml");
        File.WriteAllText(path, Cluster);
        var (code, output, err) = Run("reach", "--manifests", path, "--format", "json");
        Assert.True(code == 0, err);
        var cells = JsonDocument.Parse(output).RootElement.GetProperty("cells").EnumerateArray().ToArray();
        Assert.Equal(4, cells.Length);
        var prodToDev = cells.Single(c => c.GetProperty("from").GetString() == "prod/pod1" && c.GetProperty("to").GetString() == "dev/pod1");
        Assert.False(prodToDev.GetProperty("allowed").GetBoolean());
        Assert.Contains("deny-all-egress", prodToDev.GetProperty("reason").GetString());
    }

    [Fact]
    public void Reach_BadManifest_Exit2NamingFileAndField()
    {
        var path = Path.Combine(_dir, "bad.yaml");
        File.WriteAllText(path, Cluster + "\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: bad, namespace: dev}\nspec:\n  podSelector: [1, 2]\n");
        var (code, _, err) = Run("reach", "--manifests", path, "--format", "json");
        Assert.Equal(2, code);
        Assert.Contains("bad.yaml", err);
        Assert.Contains("document", err);
        Assert.Contains("podSelector", err);
    }

    [Fact]
    public void Reach_UnknownFlag_Exit2()
    {
        var path = Path.Combine(_dir, "cluster.yaml");
        File.WriteAllText(path, Cluster);
        Assert.Equal(2, Run("reach", "--manifests", path, "--frmo", "dev/pod1").Code);
    }
}
