namespace ClusterNet.Cli.Tests.App;

public sealed class CliAppTests
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

    [Fact]
    public void Run_MistypedFlag_PrintsNothingOnStdoutAndExits2()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run(["reach", "--manifests", Demo, "--format", "json", "--fromm", "dev/pod1"], stdout, stderr);
        Assert.Equal(2, code);
        Assert.Equal("", stdout.ToString());
        Assert.Contains("unknown flag(s): --fromm", stderr.ToString());
    }

    [Fact]
    public void Run_ValidFlags_WritesResult()
    {
        var stdout = new StringWriter();
        var code = CliApp.Run(["reach", "--manifests", Demo, "--format", "json", "--from", "dev/pod1", "--to", "prod/pod1", "--probe", "80/TCP"], stdout, new StringWriter());
        Assert.Equal(0, code);
        Assert.StartsWith("{\"cells\":[{\"from\":\"dev/pod1\",\"to\":\"prod/pod1\"", stdout.ToString());
    }

    [Fact]
    public void Run_UnknownCommand_Exits2WithUsage()
    {
        var stderr = new StringWriter();
        Assert.Equal(2, CliApp.Run(["frobnicate"], new StringWriter(), stderr));
        Assert.Contains("unknown command 'frobnicate'", stderr.ToString());
    }
}
