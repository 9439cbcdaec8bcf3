using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClusterNet.Kubernetes.Demo;
using ClusterNet.Web.Tests.Infrastructure;

namespace ClusterNet.Web.Tests.Topology;

/// <summary>GET /api/packet-walk?from=external&amp;to=gw/NS/NAME on the demo cluster's Envoy Gateway dev/eg, and the Gateway on GET /api/topology.</summary>
public sealed class ExternalPacketWalkApiTests
{
    private static WebAppFactory Demo() => new(new TestClusterSource(objects: DemoClusterSource.LoadManifest().Objects));

    [Fact]
    public async Task Walk_ExternalThroughGateway_EndsAtTheBackendPod()
    {
        await using var factory = Demo();
        var response = await factory.CreateClient().GetAsync("/api/packet-walk?from=external&to=gw/dev/eg&port=80");
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToString());

        var hops = json.GetProperty("hops").EnumerateArray().ToList();
        Assert.Equal("gw/dev/eg", hops[0].GetProperty("elementId").GetString());
        Assert.Equal("dnat+snat", hops[1].GetProperty("action").GetString());
        Assert.Contains(hops, h => h.GetProperty("action").GetString() == "terminate");
        Assert.StartsWith("dev/", json.GetProperty("endpoint").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("pod/dev/", hops[^1].GetProperty("elementId").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Walk_ExternalUnknownGateway_404()
    {
        await using var factory = Demo();
        var response = await factory.CreateClient().GetAsync("/api/packet-walk?from=external&to=gw/dev/nope");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Topology_Demo_GatewayElementAndRouteEdge()
    {
        await using var factory = Demo();
        var json = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/topology");
        Assert.Contains(json.GetProperty("elements").EnumerateArray(), e => e.GetProperty("id").GetString() == "gw/dev/eg" && e.GetProperty("kind").GetString() == "gateway");
        Assert.Contains(json.GetProperty("edges").EnumerateArray(), e => e.GetProperty("kind").GetString() == "gateway-route"
            && e.GetProperty("source").GetString() == "gw/dev/eg" && e.GetProperty("target").GetString() == "svc/dev/myapp");
    }
}
