namespace ClusterNet.Cli.Tests.Input;

/// <summary>
/// Issue 17.4 through the commands: a directory with kind-less files next to manifests works (exit 0, a note per
/// skipped file on stderr); a directory with nothing usable exits 2 and says so; message and exit code agree.
/// </summary>
public sealed class KindlessFilesTests : IDisposable
{
    private const string Pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop}\nspec: {containers: [{name: c, image: nginx, ports: [{containerPort: 80}]}]}\nstatus: {podIP: 10.244.1.5}\n";
    private readonly string _dir = Directory.CreateTempSubdirectory("clusternet-cli-kindless-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, new CliContext { Stdout = stdout, Stderr = stderr, GetEnvironmentVariable = _ => null, Home = "/nonexistent-home" });
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("reach", "--format", "json")]
    [InlineData("topology", "--format", "json")]
    [InlineData("client-ip", "--format", "json")]
    [InlineData("dns", "resolv-conf", "--pod", "shop/web")]
    public async Task Directory_WithKustomizationAndValues_ReadsManifestsAndNotesTheSkippedFiles(params string[] command)
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "kustomization.yaml"), "resources: [pod.yaml]\n");
        await File.WriteAllTextAsync(Path.Combine(_dir, "values.yaml"), "replicaCount: 2\n");
        await File.WriteAllTextAsync(Path.Combine(_dir, "pod.yaml"), Pod);

        var (code, output, err) = await Run([.. command, "--manifests", _dir]);

        Assert.Equal(0, code);
        Assert.NotEqual("", output);
        Assert.Contains(Path.Combine(_dir, "kustomization.yaml"), err, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_dir, "values.yaml"), err, StringComparison.Ordinal);
        Assert.Contains("skipped", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DnsFindings_DirectoryWithKindlessFile_Succeeds()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "values.yaml"), "replicaCount: 2\n");
        await File.WriteAllTextAsync(Path.Combine(_dir, "pod.yaml"), Pod);

        var (code, output, _) = await Run("dns", "findings", "--manifests", _dir, "--format", "json");

        Assert.InRange(code, 0, 1);
        Assert.StartsWith("{\"verdict\"", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("reach")]
    [InlineData("topology")]
    [InlineData("client-ip")]
    public async Task Directory_WithOnlyKindlessFiles_Exit2SayingNothingWasRead(string command)
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "kustomization.yaml"), "resources: [pod.yaml]\n");
        await File.WriteAllTextAsync(Path.Combine(_dir, "out.json"), "[1, 2]");

        var (code, output, err) = await Run(command, "--manifests", _dir);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains($"--manifests {_dir}: no Kubernetes object was read", err, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_dir, "kustomization.yaml"), err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DnsFindings_OnlyKindlessFiles_Exit2ListingThem()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "values.yaml"), "replicaCount: 2\n");

        var (code, _, err) = await Run("dns", "findings", "--manifests", _dir);

        Assert.Equal(2, code);
        Assert.Contains("no Kubernetes object was read", err, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_dir, "values.yaml"), err, StringComparison.Ordinal);
    }
}
