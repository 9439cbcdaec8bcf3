using System.Text.Json;

namespace ClusterNet.Cli.Tests.Topology;

public class RoutesCommandTests
{
    [Fact]
    public void Run_MasterOfDemo_PrintsDirectRoutesViaPeerNodeIps()
    {
        using var m = new TopologyManifests();

        var (code, stdout, stderr) = TopologyManifests.Run("routes", "--manifests", m.Path, "--node", "master");

        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        var lines = stdout.Split('\n');
        Assert.Contains("$ ip route", lines);
        Assert.Contains("10.244.0.0/24 dev cni0 proto kernel scope link src 10.244.0.1", lines);
        Assert.Contains("10.244.1.0/24 via 172.16.100.102 dev eth0", lines);
        Assert.Contains("10.244.2.0/24 via 172.16.100.103 dev eth0", lines);
        Assert.Contains(lines, l => l.StartsWith("# inferred:", StringComparison.Ordinal));
        // No kube-proxy ConfigMap: iptables mode, so no kube-ipvs0 and flannel.1 follows the NIC.
        Assert.Contains("3: flannel.1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UNKNOWN mode DEFAULT group default", lines);
        Assert.Contains("    link/ether 9a:6e:c9:5f:82:85 brd ff:ff:ff:ff:ff:ff", lines);
    }

    [Fact]
    public void Run_NodesOnDifferentConfiguredSubnets_RoutesViaFlannel1Onlink()
    {
        using var m = new TopologyManifests();

        var (code, stdout, _) = TopologyManifests.Run("routes", "--manifests", m.Path, "--node", "master",
            "--node-subnet", "172.16.100.100/31", "--node-subnet", "172.16.100.102/31", "--nic", "ens33");

        Assert.Equal(0, code);
        Assert.Contains("10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink\n", stdout);
        Assert.Contains("10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink\n", stdout);
        Assert.Contains("172.16.100.100/31 dev ens33 proto kernel scope link src 172.16.100.101\n", stdout);
    }

    [Fact]
    public void Run_Json_HasRoutesAndLinks()
    {
        using var m = new TopologyManifests();

        var (code, stdout, _) = TopologyManifests.Run("routes", "--manifests", m.Path, "--node", "node01", "--format", "json");

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal("node01", doc.RootElement.GetProperty("node").GetString());
        Assert.Contains(doc.RootElement.GetProperty("routes").EnumerateArray(), r => r.GetProperty("text").GetString() == "10.244.0.0/24 via 172.16.100.101 dev eth0");
        Assert.Contains(doc.RootElement.GetProperty("links").EnumerateArray(), l => l.GetProperty("name").GetString() == "flannel.1");
    }

    [Theory]
    [InlineData(new[] { "routes", "--node", "master", "--kubeconfig", "/nonexistent/kubeconfig" }, "kubeconfig file '/nonexistent/kubeconfig' does not exist; pass --kubeconfig PATH or set KUBECONFIG (or read manifests with --manifests PATH)")]
    [InlineData(new[] { "routes", "--manifests", "MANIFESTS" }, "missing required flag --node")]
    [InlineData(new[] { "routes", "--manifests", "MANIFESTS", "--node", "node09" }, "--node node09: no such node in the manifests (nodes: master, node01, node02)")]
    [InlineData(new[] { "routes", "--manifests", "/nonexistent/x.yaml", "--node", "master" }, "no such file or directory")]
    [InlineData(new[] { "routes", "--manifests", "MANIFESTS", "--node", "master", "--node-subnet", "10.0.0/8" }, "--node-subnet '10.0.0/8' is not an IPv4 CIDR")]
    [InlineData(new[] { "routes", "--manifests", "MANIFESTS", "--node", "master", "--format", "xml" }, "--format must be one of text|json")]
    public void Run_BadInput_Exits2WithMessage(string[] args, string message)
    {
        using var m = new TopologyManifests();

        var (code, stdout, stderr) = TopologyManifests.Run([.. args.Select(a => a == "MANIFESTS" ? m.Path : a)]);

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains(message, stderr);
    }

    [Fact]
    public void Run_BrokenManifest_Exits2NamingFileAndDocument()
    {
        using var m = new TopologyManifests(TopologyManifests.Cluster + "\n---\napiVersion: v1\nkind: Node\nmetadata:\n  name: [broken\n");

        var (code, _, stderr) = TopologyManifests.Run("routes", "--manifests", m.Path, "--node", "master");

        Assert.Equal(2, code);
        Assert.Contains("cluster.yaml", stderr);
        Assert.Contains("document", stderr);
    }
}
