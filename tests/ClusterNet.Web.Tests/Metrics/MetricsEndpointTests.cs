using System.Net;
using ClusterNet.Web.Metrics;
using ClusterNet.Web.Tests.Infrastructure;
using ClusterNet.Web.Tests.Security;
using Microsoft.Extensions.DependencyInjection;

namespace ClusterNet.Web.Tests.Metrics;

/// <summary>
/// OpenTelemetry's meter listener picks meters by name process-wide, so another test's app running at the same time
/// would add its own "ClusterNet.Web" series to this app's scrape: these tests run alone (after the parallel ones,
/// whose apps and meters are disposed by then).
/// </summary>
[Collection(MetricsCollection.Name)]
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task GetMetrics_AfterSnapshot_ServesOurMetricsInPrometheusFormat()
    {
        var source = new TestClusterSource();
        var version = source.Store.Flush().Version;
        await using var factory = new WebAppFactory(source);
        var client = factory.CreateClient();
        var metrics = factory.Services.GetRequiredService<DashboardMetrics>();
        metrics.LookupRefused("api");
        using (metrics.MeasureAnalyzer("test.analyzer"))
        {
            // Timed block: the histogram gets one sample.
        }

        var response = await client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains($"clusternet_snapshot_version{{otel_scope_name=\"ClusterNet.Web\"}} {version}", text, StringComparison.Ordinal);
        Assert.Contains("clusternet_snapshot_age_seconds", text, StringComparison.Ordinal);
        Assert.Matches("clusternet_objects\\{[^}]*kind=\"pods\"[^}]*\\} 3", text);
        Assert.Contains("clusternet_circuits", text, StringComparison.Ordinal);
        Assert.Contains("clusternet_hub_clients", text, StringComparison.Ordinal);
        Assert.Matches("clusternet_lookups_refused_total\\{[^}]*where=\"api\"[^}]*\\} 1", text);
        Assert.Matches("clusternet_analyzer_duration_seconds_count\\{[^}]*analyzer=\"test.analyzer\"[^}]*\\} 1", text);
    }

    [Fact]
    public async Task GetMetrics_TokenMode_RequiresTheToken()
    {
        const string Token = "0123456789abcdef0123456789abcdef";
        await using var app = await RunningApp.StartAsync(["--Cluster:Source=demo", "--Auth:Mode=Token", $"--Auth:TokenFile={RunningApp.WriteTokenFile(Token)}"]);
        using var client = app.Client();

        // The login challenge answers 401 only for /api, /hubs, /_blazor and JSON clients; elsewhere it redirects to /login.
        var anonymous = await client.GetAsync("/metrics");
        Assert.True(anonymous.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Found, anonymous.StatusCode.ToString());
        Assert.DoesNotContain("clusternet_", await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        client.DefaultRequestHeaders.Authorization = new("Bearer", Token);
        var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("clusternet_objects", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetMetrics_DedicatedPortInTokenMode_AnonymousThereNotFoundOnTheAppPort()
    {
        const string Token = "0123456789abcdef0123456789abcdef";
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var app = await RunningApp.StartAsync(
            ["--Cluster:Source=demo", "--Auth:Mode=Token", $"--Auth:TokenFile={RunningApp.WriteTokenFile(Token)}", "--urls", $"http://127.0.0.1:0;http://127.0.0.1:{port}", $"--Metrics:Port={port}"]);
        var addresses = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses;
        var appPort = addresses.Select(a => new Uri(a).Port).Single(p => p != port);
        using var client = new HttpClient();

        var scrape = await client.GetAsync($"http://127.0.0.1:{port}/metrics");
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Contains("clusternet_snapshot_version", await scrape.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The Host header names the metrics port, but the connection is to the app's port: still not served.
        using var forged = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{appPort}/metrics") { Headers = { Host = $"127.0.0.1:{port}" } };
        forged.Headers.Authorization = new("Bearer", Token);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(forged)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"http://127.0.0.1:{port}/api/snapshot")).StatusCode);
    }

    [Theory]
    [InlineData("metrics", null)]
    [InlineData("/metrics", 70000)]
    public void Validator_BadPathOrPort_Fails(string path, int? port) =>
        Assert.True(new MetricsOptionsValidator().Validate(null, new MetricsOptions { Path = path, Port = port }).Failed);
}
