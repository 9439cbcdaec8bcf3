using System.Diagnostics;

namespace ClusterNet.Cli.Tests.Packaging;

/// <summary>
/// Packs the CLI as it ships (the clusternet tool and the kubectl-clusternet plugin), installs both into a temporary
/// tool path as a user would, and runs them. Slow (pack + NuGet restore): test.sh's fast mode skips Category=Slow.
/// </summary>
public sealed class ToolPackageTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("clusternet-tool-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    [Trait("Category", "Slow")]
    public async Task PackAndInstall_ToolAndKubectlPlugin_RunHelp()
    {
        var root = RepoRoot();
        var artifacts = Path.Combine(_dir, "artifacts");
        var tools = Path.Combine(_dir, "tools");
        // The test project built the CLI already; pack exactly that build.
        var configuration = typeof(ToolPackageTests).Assembly.Location.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        await RunAsync("dotnet", ["pack", Path.Combine(root, "src", "ClusterNet.Cli"), "--no-build", "-c", configuration, "-o", artifacts, "-nologo", "-v", "q"]);
        Assert.True(File.Exists(Path.Combine(artifacts, "clusternet.0.1.0.nupkg")), string.Join(", ", Directory.GetFiles(artifacts)));
        Assert.True(File.Exists(Path.Combine(artifacts, "kubectl-clusternet.0.1.0.nupkg")));

        foreach (var package in new[] { "clusternet", "kubectl-clusternet" })
        {
            await RunAsync("dotnet", ["tool", "install", "--tool-path", tools, "--add-source", artifacts, "--ignore-failed-sources", package]);
            var help = await RunAsync(Path.Combine(tools, package), ["--help"]);
            Assert.StartsWith("usage: clusternet", help, StringComparison.Ordinal);
            Assert.Contains("reach", help, StringComparison.Ordinal);
        }
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Dashboard.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Dashboard.sln not found above " + AppContext.BaseDirectory);
    }

    private static async Task<string> RunAsync(string file, string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)} exited {process.ExitCode}:\n{await stdout}\n{await stderr}");
        return await stdout;
    }
}
