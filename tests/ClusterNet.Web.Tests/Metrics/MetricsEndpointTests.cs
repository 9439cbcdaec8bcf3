using System.Net;
using ClusterNet.Web.Metrics;
using ClusterNet.Web.Security;
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

        // A scrape is a machine's request: 401, never the login page's redirect, whatever the Accept header says.
        using var asBrowser = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { { "Accept", "text/html" } } };
        var anonymous = await client.SendAsync(asBrowser);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Null(anonymous.Headers.Location);
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

    [Fact]
    public async Task GetMetrics_PageAndApiRefusals_CountedPerCaller()
    {
        await using var factory = new WebAppFactory(new TestClusterSource(), new Dictionary<string, string?> { ["Http:LookupBurst"] = "1", ["Http:LookupsPerMinute"] = "1" });
        var client = factory.CreateClient();
        var throttle = factory.Services.GetRequiredService<LookupThrottle>();

        // The page's call (no user, no address: the same budget key as the test server's anonymous requests).
        Assert.True(throttle.TryAcquire(null, null, out _));
        Assert.False(throttle.TryAcquire(null, null, out _));
        using var refused = await client.PostAsync("/api/dns/lookup", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        var text = await client.GetStringAsync("/metrics");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Matches("clusternet_lookups_refused_total\\{[^}]*where=\"page\"[^}]*\\} 1", text);
        Assert.Matches("clusternet_lookups_refused_total\\{[^}]*where=\"api\"[^}]*\\} 1", text);
    }

    [Fact]
    public async Task GetMetrics_AfterApiRequests_EachAnalyzerTimedUnderItsName()
    {
        await using var factory = new WebAppFactory(new TestClusterSource(objects: ClusterNet.Web.Tests.Policy.PolicyFixture.Objects()));
        var client = factory.CreateClient();

        foreach (var path in new[] { "/api/topology", "/api/dns/findings", "/api/client-ip", "/api/policy/reach?from=prod/pod1&to=dev/pod1&probe=80/TCP" })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
        }

        var text = await client.GetStringAsync("/metrics");

        foreach (var analyzer in new[] { AnalyzerNames.TopologyGraph, AnalyzerNames.DnsFindings, AnalyzerNames.ClientIpOverview, AnalyzerNames.PolicyEngine, AnalyzerNames.PolicyReach })
        {
            Assert.Matches($"clusternet_analyzer_duration_seconds_count\\{{[^}}]*analyzer=\"{analyzer}\"[^}}]*\\}} 1", text);
        }
    }

    [Fact]
    public void MeasureAnalyzer_Throwing_StillRecordsAndRethrows()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var recorded = new List<string>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (i, l) =>
        {
            if (i.Name == "clusternet.analyzer.duration")
            {
                l.EnableMeasurementEvents(i);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, _, tags, _) => recorded.Add((string)tags[0].Value!));
        listener.Start();
        var metrics = new DashboardMetrics(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), new ClusterNet.Web.Snapshots.SnapshotFeed(new TestClusterSource().Store, TimeSpan.Zero), new ClusterNet.Web.Hubs.HubConnectionCounter(), TimeProvider.System);

        Assert.Throws<InvalidOperationException>(() => metrics.MeasureAnalyzer<int>("test.throws", () => throw new InvalidOperationException()));
        Assert.Equal(42, metrics.MeasureAnalyzer("test.ok", () => 42));

        Assert.Equal(["test.throws", "test.ok"], recorded);
    }

    [Theory]
    [InlineData("metrics", null)]
    [InlineData("/metrics", 70000)]
    public void Validator_BadPathOrPort_Fails(string path, int? port) =>
        Assert.True(new MetricsOptionsValidator().Validate(null, new MetricsOptions { Path = path, Port = port }).Failed);
}
