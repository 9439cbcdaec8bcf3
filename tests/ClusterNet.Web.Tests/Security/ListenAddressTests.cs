using System.Diagnostics;

namespace ClusterNet.Web.Tests.Security;

/// <summary>
/// The real app process (ClusterNet.Web.dll, as the container runs it): Auth:Mode=None on an address beyond loopback
/// refuses to start with exit code 2 and a message naming the address and the fix; on loopback it serves.
/// </summary>
[Trait("Category", "External")]
public sealed class ListenAddressTests
{
    private static readonly string AppDll = typeof(ClusterNetWebApplication).Assembly.Location;

    private sealed record Run(int? ExitCode, string Output);

    /// <summary>Starts the app; stops it once <paramref name="until"/> shows in its output, or after the timeout.</summary>
    private static async Task<Run> RunAppAsync(IEnumerable<string> args, IDictionary<string, string>? environment = null, string? until = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(AppDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal) || k == "KUBERNETES_SERVICE_HOST").ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        var seen = new TaskCompletionSource();
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }

            if (until is not null && line.Contains(until, StringComparison.Ordinal))
            {
                seen.TrySetResult();
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        await Task.WhenAny(exited, seen.Task, Task.Delay(TimeSpan.FromSeconds(120)));
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            lock (output)
            {
                return new Run(null, output.ToString());
            }
        }

        await process.WaitForExitAsync();
        lock (output)
        {
            return new Run(process.ExitCode, output.ToString());
        }
    }

    [Theory]
    [InlineData("--urls", "http://0.0.0.0:0", "http://0.0.0.0:0")]
    [InlineData("--urls", "http://127.0.0.1:0;http://[::]:0", "http://[::]:0")]
    [InlineData("--urls", "http://*:0", "http://*:0")]
    public async Task AuthNone_NonLoopbackUrl_ExitsWithMessage(string flag, string urls, string named)
    {
        var run = await RunAppAsync([flag, urls, "--Cluster:Source=demo"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Auth:Mode=None is only allowed when the dashboard listens on loopback", run.Output, StringComparison.Ordinal);
        Assert.Contains(named, run.Output, StringComparison.Ordinal);
        Assert.Contains("ClusterNet cannot start: invalid configuration", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthNone_UrlsFromEnvironment_ExitsWithMessage()
    {
        var run = await RunAppAsync(["--Cluster:Source=demo"], new Dictionary<string, string> { ["ASPNETCORE_URLS"] = "http://+:0" });

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("http://+:0", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthNone_Loopback_Serves()
    {
        var run = await RunAppAsync(["--urls", "http://127.0.0.1:0", "--Cluster:Source=demo"], until: "ClusterNet: open http://127.0.0.1:");

        Assert.Null(run.ExitCode);
        Assert.Contains("ClusterNet: open http://127.0.0.1:", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScopeByRbac_DemoSource_ExitsWithMessage()
    {
        var token = RunningApp.WriteTokenFile("0123456789abcdef0123456789abcdef");
        var run = await RunAppAsync(["--urls", "http://127.0.0.1:0", "--Cluster:Source=demo", "--Auth:Mode=Token", $"--Auth:TokenFile={token}", "--Auth:ScopeByRbac=true"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Auth:ScopeByRbac=true needs a live cluster source (Cluster:Source=kubeconfig or incluster)", run.Output, StringComparison.Ordinal);
        Assert.Contains("the demo source has no API server", run.Output, StringComparison.Ordinal);
    }
}
