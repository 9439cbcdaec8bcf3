using Microsoft.Extensions.Options;

namespace ClusterNet.Web.Tests.Api;

public sealed class StartupTests
{
    [Fact]
    public async Task Start_InvalidClusterOptions_FailsWithMessageNamingSetting()
    {
        await using var app = Web.ClusterNetWebApplication.Create(["--urls", "http://127.0.0.1:0", "--Cluster:Source=bogus", "--Cluster:CoalesceMilliseconds=-5"]);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("Cluster:Source 'bogus' is not one of demo, kubeconfig, incluster or file:PATH", error.Message);
        Assert.Contains("Cluster:CoalesceMilliseconds must be between 0 and 60000, got -5", error.Message);
    }

    [Fact]
    public async Task Start_DemoSourceFromConfiguration_ServesDemoCluster()
    {
        await using var app = Web.ClusterNetWebApplication.Create(["--urls", "http://127.0.0.1:0", "--Cluster:Source=demo"]);
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        var json = await client.GetStringAsync("/api/snapshot");

        Assert.StartsWith("{\"source\":{\"type\":\"demo\",\"name\":\"Demo cluster\"}", json);
        await app.StopAsync();
    }

    [Fact]
    public async Task Start_KubeconfigMissing_FailsWithClearSourceError()
    {
        await using var app = Web.ClusterNetWebApplication.Create(["--urls", "http://127.0.0.1:0", "--Cluster:Source=kubeconfig"],
            b => b.Configuration["Cluster:Kubeconfig"] = null);
        Environment.SetEnvironmentVariable("KUBECONFIG", "/nonexistent/kubeconfig");
        try
        {
            var error = await Assert.ThrowsAsync<Web.Sources.ClusterSourceException>(() => app.StartAsync());
            Assert.Contains("kubeconfig file '/nonexistent/kubeconfig' does not exist", error.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable("KUBECONFIG", null);
        }
    }
}
