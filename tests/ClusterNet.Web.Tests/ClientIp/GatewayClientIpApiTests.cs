using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClusterNet.Kubernetes.Demo;
using ClusterNet.Web.Tests.Infrastructure;

namespace ClusterNet.Web.Tests.ClientIp;

/// <summary>
/// GET /api/client-ip/gateways/{ns}/{name} and the Gateway rows of GET /api/client-ip in the real app (TestServer),
/// over the demo cluster's Envoy Gateway path: the same report shape as the ingress route and the CLI.
/// </summary>
public sealed class GatewayClientIpApiTests
{
    private static WebAppFactory Demo() => new(new TestClusterSource(objects: DemoClusterSource.LoadManifest().Objects));

    [Fact]
    public async Task GatewayReport_Demo_ReportShapeWithGatewayHop()
    {
        await using var factory = Demo();
        var report = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/client-ip/gateways/dev/eg");

        Assert.Equal(["kind", "namespace", "name", "outcome", "verdict", "routes", "risks", "fixes", "inputs", "notes", "key"], report.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Gateway", report.GetProperty("kind").GetString());
        Assert.Equal("dev/eg", report.GetProperty("key").GetString());
        var route = report.GetProperty("routes")[0];
        var gateway = route.GetProperty("hops").EnumerateArray().Single(h => h.GetProperty("id").GetString() == "gateway");
        Assert.Equal("gateway", gateway.GetProperty("kind").GetString());
        Assert.True(gateway.GetProperty("snat").GetBoolean());
        var risk = report.GetProperty("risks").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "gateway-etp-cluster");
        Assert.Equal("high", risk.GetProperty("severity").GetString());
    }

    [Fact]
    public async Task GatewayReport_Unknown_404NamingIt()
    {
        await using var factory = Demo();
        var response = await factory.CreateClient().GetAsync("/api/client-ip/gateways/dev/nope");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("no Gateway dev/nope", body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overview_Demo_GatewayRow()
    {
        await using var factory = Demo();
        var json = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/client-ip");
        var row = Assert.Single(json.GetProperty("items").EnumerateArray(), r => r.GetProperty("exposedVia").GetString() == "Gateway dev/eg listener http");
        Assert.Equal("myapp", row.GetProperty("name").GetString());
        Assert.Equal("lost", row.GetProperty("outcome").GetString());
    }
}
