using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClusterNet.Web.Tests.Infrastructure;

namespace ClusterNet.Web.Tests.ClientIp;

/// <summary>The client-IP REST endpoints in the real app (TestServer) over the sample cluster.</summary>
public sealed class ClientIpApiTests
{
    [Fact]
    public async Task Overview_SampleCluster_LoadBalancerLocalPreserved()
    {
        await using var factory = new WebAppFactory(new TestClusterSource());
        var json = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/client-ip");

        var row = Assert.Single(json.GetProperty("items").EnumerateArray());
        Assert.Equal("prod", row.GetProperty("namespace").GetString());
        Assert.Equal("preserved", row.GetProperty("outcome").GetString());
        Assert.True(json.GetProperty("version").GetInt64() > 0);
    }

    [Fact]
    public async Task ServiceReport_KnownAndUnknown_JsonOr404()
    {
        await using var factory = new WebAppFactory(new TestClusterSource());
        var client = factory.CreateClient();

        var report = await client.GetFromJsonAsync<JsonElement>("/api/client-ip/services/prod/web");
        Assert.Equal("Service", report.GetProperty("kind").GetString());
        Assert.Equal("lb", report.GetProperty("routes")[0].GetProperty("id").GetString());
        Assert.Equal("client", report.GetProperty("routes")[0].GetProperty("app").GetProperty("socketIs").GetString());

        var missing = await client.GetAsync("/api/client-ip/services/prod/nope");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var ingress = await client.GetAsync("/api/client-ip/ingresses/prod/nope");
        Assert.Equal(HttpStatusCode.NotFound, ingress.StatusCode);
    }

    [Fact]
    public async Task Decode_Post_SameShapeAsCli()
    {
        await using var factory = new WebAppFactory(new TestClusterSource());
        var response = await factory.CreateClient().PostAsJsonAsync("/api/client-ip/decode", new
        {
            remoteAddr = "10.0.0.1",
            headers = new[] { "X-Forwarded-For: 203.0.113.7" },
            trusted = "",
        });
        response.EnsureSuccessStatusCode();
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("10.0.0.1", json.GetProperty("nginx").GetProperty("clientIp").GetString());
        Assert.Equal("203.0.113.7", json.GetProperty("aspnet").GetProperty("clientIp").GetString());
        Assert.Equal(JsonValueKind.Array, json.GetProperty("aspnet").GetProperty("remainingXff").ValueKind);
    }

    [Fact]
    public async Task Decode_BadInput_400WithError()
    {
        await using var factory = new WebAppFactory(new TestClusterSource());
        var response = await factory.CreateClient().PostAsJsonAsync("/api/client-ip/decode", new { remoteAddr = "x", trusted = "" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not an IP address", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Echo_InApp_ReportsCapturedRemote()
    {
        await using var factory = new WebAppFactory(new TestClusterSource());
        var json = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/echo");
        Assert.True(json.GetProperty("rawCaptured").GetBoolean());
        Assert.Equal("None", json.GetProperty("forwardedHeaders").GetProperty("enabled").GetString());
    }
}
