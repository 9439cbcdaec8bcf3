using System.Diagnostics;
using System.Text.Json;
using ClusterNet.E2E.Infrastructure;
using ClusterNet.Testing;
using Microsoft.Playwright;

namespace ClusterNet.E2E.Topology;

/// <summary>
/// The topology page against a real kube-apiserver (tests/testenv): a pod created with kubectl appears in the open page
/// within 2 s and a deleted one disappears, without a reload and without moving the other elements.
/// </summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class TopologyLiveClusterTests(ControlPlaneFixture fixture, Xunit.Abstractions.ITestOutputHelper output)
{
    private const string Ns = "topo-live";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(2);

    private sealed class KubeconfigApp(string kubeconfig) : ClusterNetAppFixture
    {
        protected override IEnumerable<string> Arguments =>
        [
            "--urls", "http://127.0.0.1:0",
            "--environment", "Production",
            "--Cluster:Source=kubeconfig",
            $"--Cluster:Kubeconfig={kubeconfig}",
        ];
    }

    private static string PodJson(string name, string node) => JsonSerializer.Serialize(new
    {
        apiVersion = "v1",
        kind = "Pod",
        metadata = new { name, @namespace = Ns, labels = new { app = "topo" } },
        spec = new { nodeName = node, containers = new[] { new { name = "c", image = "nginx" } } },
    });

    [Fact]
    public async Task PodCreatedAndDeletedWithKubectl_AppearsAndDisappearsWithinTwoSecondsWithoutMovingOthers()
    {
        var plane = fixture.Plane;
        await plane.CreateNodeAsync("topo-n1", "10.244.31.0/24", "192.168.31.11");
        await plane.CreateNodeAsync("topo-n2", "10.244.32.0/24", "192.168.31.12");
        await plane.ApplyAsync(JsonSerializer.Serialize(new { apiVersion = "v1", kind = "Namespace", metadata = new { name = Ns } }));
        await plane.ApplyAsync(PodJson("a", "topo-n1"));
        await plane.ApplyAsync(PodJson("b", "topo-n2"));
        await plane.SetPodStatusAsync(Ns, "a", "Running", "10.244.31.2");
        await plane.SetPodStatusAsync(Ns, "b", "Running", "10.244.32.2");

        var app = new KubeconfigApp(plane.AdminKubeconfig);
        await app.InitializeAsync();
        try
        {
            var errors = new List<string>();
            var page = await app.NewPageAsync(consoleErrors: errors);
            await page.GotoAsync("/topology");
            var graph = page.Locator("[data-testid=topology-graph][data-ready=true]");
            await Assertions.Expect(graph).ToHaveCountAsync(1, new() { Timeout = 30_000 });
            await Assertions.Expect(graph).ToHaveAttributeAsync("data-pod-ids", new System.Text.RegularExpressions.Regex($"pod/{Ns}/a .*pod/{Ns}/b|pod/{Ns}/a pod/{Ns}/b"), new() { Timeout = 10_000 });
            await page.EvaluateAsync("() => { window.__topologyNoReload = true; }");
            // Leaf elements only: a node box is drawn around its children, so it grows when a pod joins it.
            var stable = new[] { $"pod/{Ns}/a", $"pod/{Ns}/b", $"veth/{Ns}/a", "dev/topo-n1/nic", "dev/topo-n1/bridge", "dev/topo-n2/bridge" };
            var before = await Eval(page, $"positionsOf({JsonSerializer.Serialize(stable)})");
            var viewport = await Eval(page, "viewport()");

            await plane.ApplyAsync(PodJson("c", "topo-n1"));
            var created = Stopwatch.StartNew();
            await Assertions.Expect(graph).ToHaveAttributeAsync("data-pod-ids", new System.Text.RegularExpressions.Regex($"pod/{Ns}/c"), new() { Timeout = 10_000 });
            var appeared = created.Elapsed;

            Assert.Equal(before.ToString(), (await Eval(page, $"positionsOf({JsonSerializer.Serialize(stable)})")).ToString());
            Assert.Equal(viewport.ToString(), (await Eval(page, "viewport()")).ToString());

            await plane.KubectlAsync("-n", Ns, "delete", "pod", "c", "--grace-period=0", "--force", "--wait=false");
            var deleted = Stopwatch.StartNew();
            await Assertions.Expect(graph).Not.ToHaveAttributeAsync("data-pod-ids", new System.Text.RegularExpressions.Regex($"pod/{Ns}/c"), new() { Timeout = 10_000 });
            var disappeared = deleted.Elapsed;

            output.WriteLine($"pod appeared {appeared.TotalMilliseconds:F0} ms after kubectl apply returned; disappeared {disappeared.TotalMilliseconds:F0} ms after kubectl delete returned");
            Assert.True(appeared <= Deadline, $"created pod appeared after {appeared.TotalMilliseconds:F0} ms");
            Assert.True(disappeared <= Deadline, $"deleted pod disappeared after {disappeared.TotalMilliseconds:F0} ms");
            Assert.Equal(before.ToString(), (await Eval(page, $"positionsOf({JsonSerializer.Serialize(stable)})")).ToString());
            Assert.True(await page.EvaluateAsync<bool>("() => window.__topologyNoReload === true"));
            Assert.Empty(errors);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    private static Task<JsonElement> Eval(IPage page, string call) =>
        page.EvaluateAsync<JsonElement>($"async () => {{ const m = await import('/js/topology-graph.js'); return m.{call}; }}");
}
