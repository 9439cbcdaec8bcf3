using System.Text.Json;

namespace ClusterNet.Cli.Tests.Policy;

/// <summary>
/// Issue 17.3: on flannel (which enforces no NetworkPolicy) every reach verdict carries the enforcement qualifier, in
/// the JSON cells' caveat and in the table's legend; "denied" alone would say a packet is dropped that flows.
/// </summary>
public sealed class ReachEnforcementCaveatTests
{
    private static readonly string Demo = Path.Combine(FindRoot(), "src", "ClusterNet.Kubernetes", "Demo", "demo-cluster.yaml");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Dashboard.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Dashboard.sln not found above the test assembly");
    }

    private static (int Code, string Out) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var code = CliApp.Run(args, stdout, new StringWriter());
        return (code, stdout.ToString());
    }

    [Fact]
    public void Json_FlannelCluster_DeniedCellCarriesNotEnforcedCaveat()
    {
        var (code, output) = Run("reach", "--manifests", Demo, "--from", "dev/pod1", "--to", "dev/myapp-5d9c7b8f6-jx4ps", "--probe", "53/TCP", "--format", "json");

        Assert.Equal(0, code);
        var cell = Assert.Single(JsonDocument.Parse(output).RootElement.GetProperty("cells").EnumerateArray());
        Assert.False(cell.GetProperty("allowed").GetBoolean());
        Assert.StartsWith("Denied:", cell.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("not enforced by this CNI (flannel)", cell.GetProperty("caveat").GetString());
    }

    [Fact]
    public void Json_FlannelCluster_AllowedCellCarriesItToo()
    {
        var (_, output) = Run("reach", "--manifests", Demo, "--from", "dev/pod1", "--format", "json");

        var cells = JsonDocument.Parse(output).RootElement.GetProperty("cells").EnumerateArray().ToList();
        Assert.Contains(cells, c => c.GetProperty("allowed").GetBoolean());
        Assert.All(cells, c => Assert.Contains("not enforced by this CNI (flannel)", c.GetProperty("caveat").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public void Table_FlannelCluster_LegendCarriesQualifier()
    {
        var (code, output) = Run("reach", "--manifests", Demo, "--from", "dev/pod1", "--probe", "53/TCP", "--format", "table");

        Assert.Equal(0, code);
        Assert.Contains("; not enforced by this CNI (flannel))", output.Split('\n')[0], StringComparison.Ordinal);
    }
}
