using System.Text.Json;
using ClusterNet.Core.Policy;
using ClusterNet.Kubernetes.Files;

namespace ClusterNet.Cli.Tests.Policy;

/// <summary>The notes' three policies as they ship in the demo cluster YAML (flannel alone, so also unenforced).</summary>
public sealed class ReachDemoClusterTests
{
    private static readonly string DemoPath = Path.Combine(FindRoot(), "src", "ClusterNet.Kubernetes", "Demo", "demo-cluster.yaml");

    private static string FindRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Dashboard.sln")))
        {
            dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("repository root not found");
        }

        return dir;
    }

    private static JsonElement Cell(string from, string to, int port)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        Assert.Equal(0, CliApp.Run(["reach", "--manifests", DemoPath, "--from", from, "--to", to, "--probe", $"{port}/TCP", "--format", "json"], o, e));
        return JsonDocument.Parse(o.ToString()).RootElement.GetProperty("cells").EnumerateArray().Single();
    }

    [Fact]
    public void Reach_DemoProdToDev_DeniedByDenyAllEgress()
    {
        var c = Cell("prod/pod1", "dev/pod1", 80);
        Assert.False(c.GetProperty("allowed").GetBoolean());
        Assert.Contains("deny-all-egress", c.GetProperty("reason").GetString());
    }

    [Fact]
    public void Reach_DemoShopToDevMyapp_AllowedOnlyViaIpBlockWithCaveat()
    {
        var snapshot = ManifestLoader.LoadPath(DemoPath).ToSnapshot(new Core.Model.SourceInfo("file", "demo"));
        var shop = snapshot.Pods.First(p => p.Namespace == "shop").Key.ToString();
        var myapp = snapshot.Pods.First(p => p.Namespace == "dev" && p.Name != "pod1").Key.ToString();
        var c = Cell(shop, myapp, 80);
        Assert.True(c.GetProperty("allowed").GetBoolean());
        Assert.Contains("implementation-defined", c.GetProperty("caveat").GetString());
        Assert.False(Cell(shop, myapp, 8080).GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public void Lint_DemoCluster_FlannelAloneIgnoresPolicies()
    {
        var snapshot = ManifestLoader.LoadPath(DemoPath).ToSnapshot(new Core.Model.SourceInfo("file", "demo"));
        Assert.True(PolicyEnforcement.Detect(snapshot).PoliciesIgnored(snapshot));
        var findings = PolicyLinter.Lint(PolicyEngine.Build(snapshot));
        Assert.Contains(findings, f => f.Code == "cni-enforces-no-policy");
        Assert.Contains(findings, f => f.Code == "ipblock-overlaps-pod-network" && f.Subject == "NetworkPolicy dev/allow-80-ingress");
        Assert.Contains(findings, f => f.Code == "egress-blocks-dns" && f.Subject.Contains("prod/deny-all-egress"));
    }
}
