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
    public async Task ServiceReport_NodePortCluster_ContractShapeAndRiskWords()
    {
        var nodePort = new ClusterNet.Core.Model.ServiceInfo
        {
            Namespace = "dev", Name = "np", Type = "NodePort", Selector = ClusterNet.Core.Model.LabelMap.Of(("app", "web")), ClusterIps = ["10.96.10.11"],
            Ports = [new ClusterNet.Core.Model.ServicePortInfo("http", 80, NodePort: 30081)],
        };
        await using var factory = new WebAppFactory(new TestClusterSource(objects: [.. SampleCluster.Objects(), nodePort]));
        var report = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/client-ip/services/dev/np");

        Assert.Equal(["kind", "namespace", "name", "outcome", "verdict", "routes", "risks", "fixes", "inputs", "notes", "key"], report.EnumerateObject().Select(p => p.Name));
        var risk = report.GetProperty("risks").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "cluster-policy-snat");
        Assert.Equal(["id", "severity", "title", "detail", "evidence"], risk.EnumerateObject().Select(p => p.Name));
        Assert.Equal("medium", risk.GetProperty("severity").GetString());
        var fix = report.GetProperty("fixes").EnumerateArray().Single(f => f.GetProperty("id").GetString() == "external-traffic-policy-local");
        Assert.Equal(["id", "title", "target", "language", "patch", "command", "tradeOffs", "resolves"], fix.EnumerateObject().Select(p => p.Name));
        Assert.Equal("node", report.GetProperty("routes")[0].GetProperty("app").GetProperty("socketIs").GetString());
        Assert.Equal("dev/np", report.GetProperty("key").GetString());
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
