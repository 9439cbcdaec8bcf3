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
        Assert.Equal(["from", "to", "port", "protocol", "allowed", "reason", "caveat"], cell.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.False(cell.GetProperty("allowed").GetBoolean());
        // The fixture names no CNI: the verdict says enforcement is unknown (issue 17.3), as the CLI's cells do.
        Assert.Equal("enforcement unknown: the CNI was not recognised", cell.GetProperty("caveat").GetString());
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
    [Theory]
    [InlineData("/api/policy/reach")]
    [InlineData("/api/policy/reach?probe=80/TCP")]
    [InlineData("/api/policy/reach?from=&to=")]
    public async Task GetReach_NoFromOrTo_400NamingWhatIsMissing(string url)
    {
        await using var factory = new WebAppFactory(new TestClusterSource(objects: PolicyFixture.Objects()));
        var r = await factory.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Equal("give from or to (NAMESPACE/POD or an IP address): the full matrix is too large for one request",
            JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task GetReach_TooManyProbes_400NamingTheCap()
    {
        await using var factory = new WebAppFactory(new TestClusterSource(objects: PolicyFixture.Objects()));
        var probes = string.Concat(Enumerable.Range(1, 33).Select(p => $"&probe={p}/TCP"));
        var r = await factory.CreateClient().GetAsync("/api/policy/reach?from=prod/pod1&to=dev/pod1" + probes);
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Equal("too many probe values: 33 distinct, at most 32 per request",
            JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task GetReach_RepeatedProbes_CountOnceAndAnswerOnce()
    {
        await using var factory = new WebAppFactory(new TestClusterSource(objects: PolicyFixture.Objects()));
        var probes = string.Concat(Enumerable.Repeat("&probe=80/TCP&probe=80/tcp", 40));
        var json = await factory.CreateClient().GetStringAsync("/api/policy/reach?from=prod/pod1&to=dev/pod1" + probes);
        Assert.Single(JsonDocument.Parse(json).RootElement.GetProperty("cells").EnumerateArray());
    }

    [Fact]
    public async Task GetReach_CellsOverTheCap_400NamingTheCapAndTheCount()
    {
        await using var factory = new WebAppFactory(new TestClusterSource(objects: PolicyFixture.Objects()),
            new Dictionary<string, string?> { ["Http:ReachMaxCells"] = "2" });
        var client = factory.CreateClient();
        var r = await client.GetAsync("/api/policy/reach?from=prod/pod1&probe=80/TCP&probe=53/UDP");
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var error = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString()!;
        Assert.Contains("at most 2 per request", error);
        Assert.Matches(@"^the answer would have \d+ cells \(1 from × \d+ to × 2 probes\)", error);

        var ok = await client.GetAsync("/api/policy/reach?from=prod/pod1&to=dev/pod1&probe=80/TCP&probe=53/UDP");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task PostWhatIf_TooManyProbes_400InItsOwnShape()
    {
        await using var factory = new WebAppFactory(new TestClusterSource(objects: PolicyFixture.Objects()));
        var probes = Enumerable.Range(1, 33).Select(p => $"{p}/TCP").Concat(["1/TCP", "1/TCP"]).ToArray();
        var r = await factory.CreateClient().PostAsJsonAsync("/api/policy/what-if", new { delete = new[] { "dev/deny-all-ingress" }, probes });
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var root = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("too many probe values: 33 distinct, at most 32 per request", root.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal(0, root.GetProperty("flipped").GetArrayLength());

        var repeats = Enumerable.Repeat("80/TCP", 100).ToArray();
        var ok = await factory.CreateClient().PostAsJsonAsync("/api/policy/what-if", new { delete = new[] { "dev/deny-all-ingress" }, probes = repeats });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal<string>(["80/TCP"], JsonDocument.Parse(await ok.Content.ReadAsStringAsync()).RootElement.GetProperty("probes").EnumerateArray().Select(p => p.GetString()!).ToArray());
    }
}
