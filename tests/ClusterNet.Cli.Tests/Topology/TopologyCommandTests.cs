using System.Text.Json;

namespace ClusterNet.Cli.Tests.Topology;

public class TopologyCommandTests
{
    [Fact]
    public void Run_Json_HasEveryNodeAndPodAndTheCni()
    {
        using var m = new TopologyManifests();

        var (code, stdout, stderr) = TopologyManifests.Run("topology", "--manifests", m.Path, "--format", "json");

        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal("flannel", root.GetProperty("cni").GetProperty("name").GetString());
        Assert.Contains("DaemonSet kube-system/kube-flannel-ds", root.GetProperty("cni").GetProperty("signals").EnumerateArray().Select(s => s.GetString()));
        Assert.True(root.GetProperty("flannel").GetProperty("directRouting").GetBoolean());
        var ids = root.GetProperty("elements").EnumerateArray().Select(e => e.GetProperty("id").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "node/master", "node/node01", "node/node02", "pod/dev/pod-a", "pod/prod/pod-b", "dev/node01/tunnel", "dev/node01/bridge" }, ids);
        Assert.True(root.GetProperty("edges").GetArrayLength() > 0);
    }

    [Fact]
    public void Run_DefaultFormat_IsJson()
    {
        using var m = new TopologyManifests();

        var (code, stdout, _) = TopologyManifests.Run("topology", "--manifests", m.Path);

        Assert.Equal(0, code);
        Assert.StartsWith("{", stdout);
    }

    [Fact]
    public void Run_Dot_IsAGraphvizGraphWithNodeClusters()
    {
        using var m = new TopologyManifests();

        var (code, stdout, _) = TopologyManifests.Run("topology", "--manifests", m.Path, "--format", "dot");

        Assert.Equal(0, code);
        Assert.StartsWith("graph topology {", stdout);
        Assert.Contains("subgraph \"cluster_node/master\"", stdout);
        Assert.Contains("\"pod/dev/pod-a\"", stdout);
    }

    [Fact]
    public void Run_InvalidNetConf_PrintsWarningWithLineToStderrAndStillExits0()
    {
        var yaml = TopologyManifests.Cluster.Replace("\"Network\": \"10.244.0.0/16\",", "\"Network\": \"10.244.0.0/16\", // pods", StringComparison.Ordinal);
        using var m = new TopologyManifests(yaml);

        var (code, stdout, stderr) = TopologyManifests.Run("topology", "--manifests", m.Path);

        Assert.Equal(0, code);
        Assert.Contains("error [netconf-invalid] ConfigMap/kube-system/kube-flannel-cfg, field data[net-conf.json], line 2 column 31: net-conf.json is invalid: comments are not allowed", stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.False(doc.RootElement.GetProperty("flannel").GetProperty("netConf").GetProperty("valid").GetBoolean());
    }

    [Theory]
    [InlineData("--format", "svg", "--format must be one of json|dot")]
    [InlineData("--nic-mtu", "abc", "--nic-mtu must be a whole number")]
    [InlineData("--bogus", "1", "unknown flag(s): --bogus")]
    public void Run_BadFlag_Exits2(string flag, string value, string message)
    {
        using var m = new TopologyManifests();

        var (code, _, stderr) = TopologyManifests.Run("topology", "--manifests", m.Path, flag, value);

        Assert.Equal(2, code);
        Assert.Contains(message, stderr);
    }
}
