using System.Net;
using System.Text.Json;
using ClusterNet.Core.Model;
using ClusterNet.Web.Tests.Infrastructure;

namespace ClusterNet.Web.Tests.Api;

public sealed class SnapshotApiTests
{
    [Fact]
    public async Task GetSnapshot_SyncedSource_ReturnsExactShape()
    {
        var source = new TestClusterSource(new SourceInfo("kubeconfig", "kind-dev"));
        source.Store.SetStatus(ResourceKind.IpPools, new KindStatus(KindState.NotServed, 0));
        source.Store.SetStatus(ResourceKind.NetworkPolicies, new KindStatus(KindState.Forbidden, 0, "networkpolicies.networking.k8s.io is forbidden"));
        var version = source.Store.Flush().Version;
        await using var factory = new WebAppFactory(source);

        var json = await factory.CreateClient().GetStringAsync("/api/snapshot");

        var expected =
            "{\"source\":{\"type\":\"kubeconfig\",\"name\":\"kind-dev\"},\"version\":" + version + ",\"kinds\":{" +
            "\"nodes\":{\"count\":3,\"status\":\"synced\"}," +
            "\"namespaces\":{\"count\":3,\"status\":\"synced\"}," +
            "\"pods\":{\"count\":3,\"status\":\"synced\"}," +
            "\"services\":{\"count\":2,\"status\":\"synced\"}," +
            "\"endpoints\":{\"count\":0,\"status\":\"synced\"}," +
            "\"networkpolicies\":{\"count\":0,\"status\":\"forbidden\",\"message\":\"networkpolicies.networking.k8s.io is forbidden\"}," +
            "\"ingresses\":{\"count\":0,\"status\":\"synced\"}," +
            "\"ingressclasses\":{\"count\":0,\"status\":\"synced\"}," +
            "\"daemonsets\":{\"count\":0,\"status\":\"synced\"}," +
            "\"deployments\":{\"count\":0,\"status\":\"synced\"}," +
            "\"statefulsets\":{\"count\":0,\"status\":\"synced\"}," +
            "\"configmaps\":{\"count\":0,\"status\":\"synced\"}," +
            "\"ippools\":{\"count\":0,\"status\":\"notserved\"}," +
            "\"bgpconfigurations\":{\"count\":0,\"status\":\"synced\"}," +
            "\"gatewayclasses\":{\"count\":0,\"status\":\"synced\"}," +
            "\"gateways\":{\"count\":0,\"status\":\"synced\"}," +
            "\"httproutes\":{\"count\":0,\"status\":\"synced\"}," +
            "\"grpcroutes\":{\"count\":0,\"status\":\"synced\"}," +
            "\"tlsroutes\":{\"count\":0,\"status\":\"synced\"}," +
            "\"tcproutes\":{\"count\":0,\"status\":\"synced\"}," +
            "\"udproutes\":{\"count\":0,\"status\":\"synced\"}," +
            "\"referencegrants\":{\"count\":0,\"status\":\"synced\"}," +
            "\"clienttrafficpolicies\":{\"count\":0,\"status\":\"synced\"}," +
            "\"envoyproxies\":{\"count\":0,\"status\":\"synced\"}," +
            "\"nginxproxies\":{\"count\":0,\"status\":\"synced\"}," +
            "\"networkpolicies.projectcalico.org\":{\"count\":0,\"status\":\"synced\"}," +
            "\"globalnetworkpolicies\":{\"count\":0,\"status\":\"synced\"}," +
            "\"tiers\":{\"count\":0,\"status\":\"synced\"}," +
            "\"networksets\":{\"count\":0,\"status\":\"synced\"}," +
            "\"globalnetworksets\":{\"count\":0,\"status\":\"synced\"}," +
            "\"serviceaccounts\":{\"count\":0,\"status\":\"synced\"}," +
            "\"clusternetworkpolicies\":{\"count\":0,\"status\":\"synced\"}," +
            "\"adminnetworkpolicies\":{\"count\":0,\"status\":\"synced\"}," +
            "\"baselineadminnetworkpolicies\":{\"count\":0,\"status\":\"synced\"}," +
            "\"installations\":{\"count\":0,\"status\":\"synced\"}," +
            "\"networkattachmentdefinitions\":{\"count\":0,\"status\":\"synced\"}," +
            "\"multinetworkpolicies\":{\"count\":0,\"status\":\"synced\"}}}";
        Assert.Equal(expected, json);
    }

    [Fact]
    public async Task GetSnapshot_AfterStoreChange_ReturnsNewVersionAndCount()
    {
        var source = new TestClusterSource();
        await using var factory = new WebAppFactory(source);
        var client = factory.CreateClient();
        var before = JsonDocument.Parse(await client.GetStringAsync("/api/snapshot")).RootElement.GetProperty("version").GetInt64();

        source.Store.Upsert(SampleCluster.Pod("dev", "pod9", "10.244.1.9", "node01"));
        source.Store.Flush();

        var after = JsonDocument.Parse(await client.GetStringAsync("/api/snapshot")).RootElement;
        Assert.Equal(before + 1, after.GetProperty("version").GetInt64());
        Assert.Equal(4, after.GetProperty("kinds").GetProperty("pods").GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task GetNodes_ReturnsVersionAndCamelCaseItemsWithoutKey()
    {
        await using var factory = new WebAppFactory(new TestClusterSource());

        var root = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/api/nodes")).RootElement;

        var items = root.GetProperty("items");
        Assert.True(root.GetProperty("version").GetInt64() > 0);
        Assert.Equal(["master", "node01", "node02"], items.EnumerateArray().Select(n => n.GetProperty("name").GetString()));
        var node01 = items[1];
        Assert.Equal("10.244.1.0/24", node01.GetProperty("podCidrs")[0].GetString());
        Assert.Equal("172.16.100.102", node01.GetProperty("internalIp").GetString());
        Assert.True(node01.GetProperty("ready").GetBoolean());
        Assert.False(node01.TryGetProperty("key", out _));
    }

    [Theory]
    [InlineData("/api/pods", new[] { "dev/pod1", "prod/pod1", "prod/pod2" })]
    [InlineData("/api/pods?namespace=prod", new[] { "prod/pod1", "prod/pod2" })]
    [InlineData("/api/pods?namespace=dev", new[] { "dev/pod1" })]
    [InlineData("/api/pods?namespace=nope", new string[0])]
    public async Task GetPods_NamespaceFilter_ReturnsMatchingPods(string url, string[] expected)
    {
        await using var factory = new WebAppFactory(new TestClusterSource());

        var root = JsonDocument.Parse(await factory.CreateClient().GetStringAsync(url)).RootElement;

        var names = root.GetProperty("items").EnumerateArray().Select(p => $"{p.GetProperty("namespace").GetString()}/{p.GetProperty("name").GetString()}");
        Assert.Equal(expected, names);
    }

    [Fact]
    public async Task GetPods_PodFields_SerializedCamelCase()
    {
        await using var factory = new WebAppFactory(new TestClusterSource());

        var pod = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/api/pods?namespace=dev")).RootElement.GetProperty("items")[0];

        Assert.Equal("10.244.1.2", pod.GetProperty("podIps")[0].GetString());
        Assert.Equal("node01", pod.GetProperty("nodeName").GetString());
        Assert.Equal("web", pod.GetProperty("labels").GetProperty("app").GetString());
        Assert.Equal(80, pod.GetProperty("containers")[0].GetProperty("ports")[0].GetProperty("port").GetInt32());
    }

    [Fact]
    public async Task Healthz_Always_ReturnsOk()
    {
        await using var factory = new WebAppFactory(new TestClusterSource(synced: false));

        var response = await factory.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readyz_BeforeAndAfterFirstSync_Returns503Then200()
    {
        var source = new TestClusterSource(synced: false);
        await using var factory = new WebAppFactory(source);
        var client = factory.CreateClient();

        var before = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, before.StatusCode);
        Assert.Contains("pods", await before.Content.ReadAsStringAsync());

        foreach (var kind in source.Store.Kinds)
        {
            source.Store.SetStatus(kind, new KindStatus(kind == ResourceKind.Pods ? KindState.Forbidden : KindState.Synced, 0));
        }

        source.Store.Flush();
        var after = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Readyz_ApiServerUnreachableAfterSync_ReadyButSaysDegradedUntilBack()
    {
        var source = new TestClusterSource();
        await using var factory = new WebAppFactory(source);
        var client = factory.CreateClient();
        Assert.Equal("ready", await client.GetStringAsync("/readyz"));

        source.Store.SetConnection(ConnectionState.Disconnected, "cannot reach the API server");
        source.Store.Flush();
        var down = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, down.StatusCode);
        Assert.StartsWith("ready, degraded: cannot reach the API server", await down.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        source.Store.SetConnection(ConnectionState.Connected);
        source.Store.Flush();
        Assert.Equal("ready", await client.GetStringAsync("/readyz"));
    }

    [Fact]
    public async Task Start_SourceFromFactory_IsStartedByHostedService()
    {
        var source = new TestClusterSource();
        await using var factory = new WebAppFactory(source);

        _ = factory.Server;

        Assert.True(source.Started);
    }
}
