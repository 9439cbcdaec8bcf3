using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using ClusterNet.Testing;
using ClusterNet.Web.Hubs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace ClusterNet.Web.Tests.Live;

/// <summary>
/// The whole app with the kubeconfig source against a real kube-apiserver: a pod created, given a new IP and deleted
/// shows in /api/pods and as SnapshotChanged on the hub within 2 s.
/// </summary>
[Collection(ControlPlaneCollection.Name)]
[Trait("Category", "ControlPlane")]
public sealed class LiveClusterWebTests(ControlPlaneFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(2);

    private sealed class LiveFactory(string kubeconfig) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Cluster:Source", "kubeconfig");
            builder.UseSetting("Cluster:Kubeconfig", kubeconfig);
            builder.UseSetting("Cluster:UiBatchMilliseconds", "0");
        }
    }

    [Fact]
    public async Task Pod_CreatedPatchedDeleted_ShowsInApiAndHubWithinTwoSeconds()
    {
        const string ns = "web-live";
        var plane = fixture.Plane;
        await plane.CreateNodeAsync("web-live-node", "10.244.7.0/24", "192.168.70.11");
        await plane.ApplyAsync($"{{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{{\"name\":\"{ns}\"}}}}");

        await using var factory = new LiveFactory(plane.AdminKubeconfig);
        var http = factory.CreateClient();
        await WaitAsync(async () => (await http.GetAsync("/readyz")).IsSuccessStatusCode, TimeSpan.FromSeconds(20), "first sync (/readyz)");
        var summary = await http.GetFromJsonAsync<JsonElement>("/api/snapshot");
        Assert.Equal("kubeconfig", summary.GetProperty("source").GetProperty("type").GetString());
        Assert.Equal("synced", summary.GetProperty("kinds").GetProperty("pods").GetProperty("status").GetString());

        var changes = Channel.CreateUnbounded<JsonElement>();
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(factory.Server.BaseAddress, "hubs/cluster"), o => o.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler())
            .Build();
        hub.On<JsonElement>(ClusterHub.SnapshotChanged, m => changes.Writer.TryWrite(m));
        await hub.StartAsync();

        async Task<string?> PodIp()
        {
            var pods = await http.GetFromJsonAsync<JsonElement>($"/api/pods?namespace={ns}");
            var items = pods.GetProperty("items").EnumerateArray().Where(p => p.GetProperty("name").GetString() == "web-0").ToList();
            return items.Count == 0 ? null : items[0].GetProperty("podIps").EnumerateArray().Select(i => i.GetString()).FirstOrDefault() ?? "";
        }

        await plane.ApplyAsync($$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: web-0, namespace: {{ns}} }
            spec:
              nodeName: web-live-node
              containers: [{name: web, image: nginx}]
            """);
        var sw = Stopwatch.StartNew();
        await WaitAsync(async () => await PodIp() is not null, Deadline, "created pod in /api/pods");
        await ExpectPodChangeOnHub(changes, Deadline - sw.Elapsed);

        await plane.SetPodStatusAsync(ns, "web-0", "Running", "10.244.7.5", ready: true, hostIp: "192.168.70.11");
        await WaitAsync(async () => await PodIp() == "10.244.7.5", Deadline, "pod IP 10.244.7.5 in /api/pods");
        await plane.SetPodStatusAsync(ns, "web-0", "Running", "10.244.7.6", ready: true, hostIp: "192.168.70.11");
        sw.Restart();
        await WaitAsync(async () => await PodIp() == "10.244.7.6", Deadline, "new pod IP 10.244.7.6 in /api/pods");
        await ExpectPodChangeOnHub(changes, Deadline - sw.Elapsed);

        await plane.KubectlAsync("delete", "pod", "-n", ns, "web-0", "--grace-period=0", "--force");
        sw.Restart();
        await WaitAsync(async () => await PodIp() is null, Deadline, "deleted pod gone from /api/pods");
        await ExpectPodChangeOnHub(changes, Deadline - sw.Elapsed);
    }

    private static async Task ExpectPodChangeOnHub(Channel<JsonElement> changes, TimeSpan budget)
    {
        using var cts = new CancellationTokenSource(budget > TimeSpan.Zero ? budget : TimeSpan.FromMilliseconds(1));
        try
        {
            while (true)
            {
                var message = await changes.Reader.ReadAsync(cts.Token);
                if (message.GetProperty("changedKinds").EnumerateArray().Any(k => k.GetString() == "pods"))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail("no SnapshotChanged with changedKinds [pods] on the hub within 2 s");
        }
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < timeout)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"{what}: not seen within {timeout.TotalSeconds:0.#} s");
    }
}
