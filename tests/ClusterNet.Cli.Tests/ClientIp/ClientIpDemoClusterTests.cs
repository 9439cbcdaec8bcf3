namespace ClusterNet.Cli.Tests.ClientIp;

/// <summary>The demo cluster's two exposure styles: ingress-nginx behind a LoadBalancer with Local, and a NodePort app with Cluster.</summary>
public sealed class ClientIpDemoClusterTests
{
    private static string DemoYaml()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Dashboard.sln")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        return Path.Combine(dir!.FullName, "src", "ClusterNet.Kubernetes", "Demo", "demo-cluster.yaml");
    }

    private static (int Code, string Out) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var code = CliApp.Run(args, stdout, new StringWriter());
        return (code, stdout.ToString());
    }

    [Fact]
    public void Overview_Demo_ControllerPreservedNodePortLost()
    {
        var (code, output) = Run("client-ip", "--manifests", DemoYaml());
        Assert.Equal(0, code);
        var lines = output.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("ingress-nginx/ingress-nginx-controller", StringComparison.Ordinal) && l.Contains("Local", StringComparison.Ordinal) && l.TrimEnd().EndsWith("preserved (socket)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("NodePort", StringComparison.Ordinal) && l.Contains("Cluster", StringComparison.Ordinal) && l.TrimEnd().EndsWith("lost", StringComparison.Ordinal));
    }

    [Fact]
    public void ControllerService_Demo_HealthCheckedLocalPath()
    {
        var (code, output) = Run("client-ip", "--manifests", DemoYaml(), "--service", "ingress-nginx/ingress-nginx-controller");
        Assert.Equal(0, code);
        Assert.StartsWith("Service ingress-nginx/ingress-nginx-controller: Preserved:", output, StringComparison.Ordinal);
        Assert.Contains("Health-checks healthCheckNodePort", output, StringComparison.Ordinal);
    }
}
