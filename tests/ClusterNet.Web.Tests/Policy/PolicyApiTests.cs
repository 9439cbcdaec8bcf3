using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClusterNet.Web.Tests.Infrastructure;

namespace ClusterNet.Web.Tests.Policy;

public sealed class PolicyApiTests
{
    [Fact]
    public async Task GetReach_FromToProbe_CellShapeOfTheCli()
    {
        await using var factory = new WebAppFactory(new TestClusterSource(objects: PolicyFixture.Objects()));
        var json = await factory.CreateClient().GetStringAsync("/api/policy/reach?from=prod/pod1&to=dev/pod1&probe=80/TCP");
        var cell = JsonDocument.Parse(json).RootElement.GetProperty("cells").EnumerateArray().Single();
        Assert.Equal(["from", "to", "port", "protocol", "allowed", "reason"], cell.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.False(cell.GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task GetReach_UnknownPod_400()
    {
        await using var factory = new WebAppFactory(new TestClusterSource(objects: PolicyFixture.Objects()));
        var r = await factory.CreateClient().GetAsync("/api/policy/reach?from=prod/nope");
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
    }

    [Fact]
    public async Task PostWhatIf_DeleteAndBadYaml()
    {
        await using var factory = new WebAppFactory(new TestClusterSource(objects: PolicyFixture.Objects()));
        var client = factory.CreateClient();
        var ok = await client.PostAsJsonAsync("/api/policy/what-if", new { delete = new[] { "dev/deny-all-ingress" }, probes = new[] { "80/TCP" } });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var flipped = JsonDocument.Parse(await ok.Content.ReadAsStringAsync()).RootElement.GetProperty("flipped");
        Assert.Equal(4, flipped.GetArrayLength());
        Assert.Equal("denied", flipped[0].GetProperty("before").GetString());

        var bad = await client.PostAsJsonAsync("/api/policy/what-if", new { yaml = "kind: NetworkPolicy\napiVersion: networking.k8s.io/v1\nmetadata: {name: x, namespace: dev}\nspec:\n  podSelector: [1]\n" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var error = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")[0];
        Assert.True(error.GetProperty("line").GetInt32() > 0);
    }
}
