using System.Text.Json;

namespace ClusterNet.Cli.Tests.Topology;

/// <summary>The embedded demo cluster (src/ClusterNet.Kubernetes/Demo/demo-cluster.yaml) through the CLI, as a user would run it.</summary>
public class DemoClusterRoutesTests
{
    private static string DemoYaml([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "src", "ClusterNet.Kubernetes", "Demo", "demo-cluster.yaml"));

    [Fact]
    public void Routes_DemoMaster_DirectRoutingViaPeerNodeIpsOnTheNic()
    {
        var (code, stdout, stderr) = TopologyManifests.Run("routes", "--manifests", DemoYaml(), "--node", "master");

        Assert.True(code == 0, stderr);
        var lines = stdout.Split('\n');
        Assert.Contains("10.244.0.0/24 dev cni0 proto kernel scope link src 10.244.0.1", lines);
        Assert.Contains("10.244.1.0/24 via 172.16.100.102 dev eth0", lines);
        Assert.Contains("10.244.2.0/24 via 172.16.100.103 dev eth0", lines);
        Assert.Contains("172.16.100.0/24 dev eth0 proto kernel scope link src 172.16.100.101", lines);
        Assert.Contains(lines, l => l.Contains(": kube-ipvs0: <BROADCAST,NOARP>", StringComparison.Ordinal));
    }

    [Fact]
    public void Routes_DemoMasterAloneOnItsSubnet_ViaFlannel1Onlink()
    {
        var (code, stdout, stderr) = TopologyManifests.Run("routes", "--manifests", DemoYaml(), "--node", "master",
            "--node-subnet", "172.16.100.101/32", "--node-subnet", "172.16.100.102/31");

        Assert.True(code == 0, stderr);
        Assert.Contains("10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink\n", stdout);
        Assert.Contains("10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink\n", stdout);
    }

    [Fact]
    public void Topology_Demo_HasEveryNodeAndPodOfTheFile()
    {
        var (code, stdout, stderr) = TopologyManifests.Run("topology", "--manifests", DemoYaml());

        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        var ids = root.GetProperty("elements").EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToHashSet();
        Assert.Contains("node/master", ids);
        Assert.Contains("node/node01", ids);
        Assert.Contains("node/node02", ids);
        Assert.True(ids.Count(i => i.StartsWith("pod/", StringComparison.Ordinal)) >= 2);
        Assert.Equal("flannel", root.GetProperty("cni").GetProperty("name").GetString());
        Assert.Equal("ipvs", root.GetProperty("kubeProxy").GetProperty("mode").GetString());
        Assert.Contains(root.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("code").GetString() == "policy-not-enforced");
    }
}
