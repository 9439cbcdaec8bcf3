using System.Diagnostics;

namespace ClusterNet.Web.Tests.Security;

/// <summary>
/// `dotnet publish -c Release` of the web project (the Dockerfile's build step, same arguments apart from the output
/// directory) succeeds and the output holds the app and every web asset it serves: our CSS/JS, the npm graph library,
/// MudBlazor's and Blazor's scripts.
/// </summary>
[Trait("Category", "External")]
public sealed class PublishTests
{
    [Fact]
    public async Task Publish_Release_OutputHoldsAppAndWebAssets()
    {
        var root = ClusterNet.Testing.TestControlPlane.FindRepoRoot();
        var output = Path.Combine(Path.GetTempPath(), $"clusternet-publish-{Guid.NewGuid():N}");
        try
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = root };
            foreach (var arg in new[] { "publish", "src/ClusterNet.Web/ClusterNet.Web.csproj", "-c", "Release", "-o", output, "-nologo", "-v", "q" })
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(20));

            Assert.True(process.ExitCode == 0, $"dotnet publish failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
            foreach (var file in new[]
                     {
                         "ClusterNet.Web.dll", "ClusterNet.Web.runtimeconfig.json", "ClusterNet.Web.staticwebassets.endpoints.json",
                         "wwwroot/css/app.css", "wwwroot/js/shell.js", "wwwroot/lib/cytoscape/cytoscape.esm.min.mjs",
                         "wwwroot/lib/cytoscape-fcose/cytoscape-fcose.js", "wwwroot/_content/MudBlazor/MudBlazor.min.js",
                     })
            {
                Assert.True(File.Exists(Path.Combine(output, file)), $"{file} missing from the publish output");
            }

            // The framework script may carry a fingerprint in its name.
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(output, "wwwroot", "_framework"), "blazor.web*.js"));
            Assert.False(Directory.Exists(Path.Combine(output, "wwwroot", "node_modules")), "node_modules must not be published");
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }
}
