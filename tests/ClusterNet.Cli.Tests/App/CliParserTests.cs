using ClusterNet.Cli.Commands.Completion;
using ClusterNet.Cli.Parsing;

namespace ClusterNet.Cli.Tests.App;

/// <summary>The System.CommandLine front: help for every command and flag, did-you-mean, --version, completion.</summary>
public sealed class CliParserTests
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

    private static async Task<(int Code, string Out, string Err)> Run(string[] args, TextReader? stdin = null)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, new CliContext { Stdout = stdout, Stderr = stderr, Stdin = stdin ?? TextReader.Null, GetEnvironmentVariable = _ => null, Home = "/nonexistent-home" });
        return (code, stdout.ToString(), stderr.ToString());
    }

    public static TheoryData<string> CommandPaths()
    {
        var data = new TheoryData<string>();
        foreach (var c in CliApp.All)
        {
            data.Add(string.Join(' ', c.Path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CommandPaths))]
    public async Task Help_EveryCommand_ListsEveryDeclaredFlagWithItsDescription(string path)
    {
        var command = CliApp.All.Single(c => string.Join(' ', c.Path) == path);

        var (code, output, err) = await Run([.. command.Path, "--help"]);

        Assert.Equal((0, ""), (code, err));
        Assert.Contains(command.Summary, output, StringComparison.Ordinal);
        Assert.All(command.Flags, f =>
        {
            Assert.Contains(f.Arity == CliFlagArity.Argument ? f.Name : f.LongForm, output, StringComparison.Ordinal);
            Assert.Contains(f.Description, output, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Flags_EveryCommand_DeclaresEachNameOnce()
    {
        Assert.All(CliApp.All, c => Assert.Equal(c.Flags.Count, c.Flags.Select(f => f.Name).Distinct(StringComparer.Ordinal).Count()));
    }

    [Theory]
    [InlineData("reach", "--fromm", "did you mean --from?")]
    [InlineData("dns findings", "--formt", "did you mean --format?")]
    [InlineData("routes --node node01", "--nod", "did you mean one of: --node, --node-subnet?")]
    [InlineData("topology", "--kubconfig", "did you mean --kubeconfig?")]
    public async Task MistypedFlag_Exit2WithSuggestion(string path, string typo, string hint)
    {
        var (code, output, err) = await Run([.. path.Split(' '), "--manifests", Demo, typo, "x"]);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains($"unknown flag(s): {typo}", err, StringComparison.Ordinal);
        Assert.Contains(hint, err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "reahc" }, "did you mean reach?")]
    [InlineData(new[] { "dns", "findigs" }, "did you mean findings?")]
    [InlineData(new[] { "topolgy", "--format", "dot" }, "did you mean topology?")]
    public async Task MistypedCommand_Exit2WithSuggestionAndUsage(string[] args, string hint)
    {
        var (code, output, err) = await Run(args);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("unknown command", err, StringComparison.Ordinal);
        Assert.Contains(hint, err, StringComparison.Ordinal);
        Assert.Contains("usage: clusternet <command> [flags]", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MistypedFlag_WithoutManifests_NeverReadsTheCluster()
    {
        // No kubeconfig exists here: reading it would fail with its own message instead of the flag's.
        var (code, _, err) = await Run(["reach", "--contxt", "prod"]);

        Assert.Equal(2, code);
        Assert.DoesNotContain("kubeconfig", err, StringComparison.Ordinal);
        Assert.Contains("did you mean --context?", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_PrintsTheToolVersion()
    {
        var (code, output, _) = await Run(["--version"]);

        Assert.Equal(0, code);
        Assert.StartsWith("0.1.0", output, StringComparison.Ordinal);
        Assert.Equal(typeof(CliApp).Assembly.GetName().Version!.ToString(3), output[..5]);
    }

    [Theory]
    [InlineData("bash", "complete -o default -F _clusternet_complete clusternet")]
    [InlineData("zsh", "compdef _clusternet_complete clusternet")]
    [InlineData("pwsh", "Register-ArgumentCompleter -Native -CommandName clusternet")]
    public async Task Completion_EachShell_PrintsScriptThatAsksTheSuggestDirective(string shell, string registration)
    {
        var (code, output, err) = await Run(["completion", shell]);

        Assert.Equal((0, ""), (code, err));
        Assert.Contains(registration, output, StringComparison.Ordinal);
        Assert.Contains("[suggest:", output, StringComparison.Ordinal);
        Assert.Equal(CompletionScripts.For(shell, "clusternet"), output);
    }

    [Theory]
    [InlineData(new[] { "completion", "fish" }, "shell must be one of bash|zsh|pwsh, got 'fish'")]
    [InlineData(new[] { "completion" }, "name the shell")]
    public async Task Completion_BadShell_Exit2(string[] args, string message)
    {
        var (code, _, err) = await Run(args);

        Assert.Equal(2, code);
        Assert.Contains(message, err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("clusternet reach --f", new[] { "--format", "--from" })]
    [InlineData("clusternet reach --format ", new[] { "json", "table" })]
    [InlineData("clusternet dns ", new[] { "expand", "findings", "resolv-conf" })]
    [InlineData("clusternet client-ip decode --use-remote-address ", new[] { "off", "on" })]
    public async Task SuggestDirective_CompletesFlagsValuesAndSubcommands(string line, string[] expected)
    {
        var (code, output, _) = await Run([$"[suggest:{line.Length}]", line]);

        Assert.Equal(0, code);
        var candidates = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.All(expected, e => Assert.Contains(e, candidates));
    }

    [Fact]
    public async Task ManifestsFromStdin_DashReadsStandardInput()
    {
        const string manifest = """
            {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a", "namespace": "dev"}, "spec": {"containers": [{"name": "c", "image": "x", "ports": [{"containerPort": 80}]}]}, "status": {"podIP": "10.244.1.2"}}
            """;

        var (code, output, err) = await Run(["reach", "--manifests", "-", "--format", "json"], new StringReader(manifest));

        Assert.Equal((0, ""), (code, err));
        Assert.Contains("\"from\":\"dev/a\",\"to\":\"dev/a\",\"port\":80", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManifestsDirectory_RecursiveOnlyWithR()
    {
        var dir = Directory.CreateTempSubdirectory("clusternet-r-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "sub"));
            await File.WriteAllTextAsync(Path.Combine(dir, "ns.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata: {name: dev}\n");
            await File.WriteAllTextAsync(Path.Combine(dir, "sub", "pod.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: dev}\nspec: {containers: [{name: c, image: x}]}\nstatus: {podIP: 10.244.1.2}\n");

            var flat = await Run(["reach", "--manifests", dir, "--from", "dev/a", "--probe", "80/TCP"]);
            var deep = await Run(["reach", "--manifests", dir, "-R", "--from", "dev/a", "--probe", "80/TCP"]);

            Assert.Equal(2, flat.Code);
            Assert.Contains("no pod dev/a", flat.Err, StringComparison.Ordinal);
            Assert.Equal(0, deep.Code);
            Assert.Contains("\"from\":\"dev/a\"", deep.Out, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task ManifestsAndKubeconfig_Together_Exit2()
    {
        var (code, _, err) = await Run(["topology", "--manifests", "-", "--kubeconfig", "/k"]);

        Assert.Equal(2, code);
        Assert.Contains("pass one or the other", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecursiveWithoutManifests_Exit2()
    {
        var (code, _, err) = await Run(["topology", "-R"]);

        Assert.Equal(2, code);
        Assert.Contains("-R reads subdirectories of --manifests DIR", err, StringComparison.Ordinal);
    }
}
