using System.Text.Json;
using ClusterNet.E2E.Infrastructure;
using Microsoft.Playwright;

namespace ClusterNet.E2E.Topology;

/// <summary>The demo cluster restarts and scales pods every second: the page must apply deltas, not redraw.</summary>
public sealed class TopologyLiveTests(ClusterNetAppFixture app) : IClassFixture<ClusterNetAppFixture>
{
    [Fact]
    public async Task LiveDemo_PodsComeAndGoWithoutMovingOthersOrTheViewport()
    {
        var errors = new List<string>();
        var page = await app.NewPageAsync(consoleErrors: errors);
        await page.GotoAsync("/topology");
        var graph = page.Locator("[data-testid=topology-graph][data-ready=true]");
        await Assertions.Expect(graph).ToHaveCountAsync(1, new() { Timeout = 20_000 });

        var pods = (await graph.GetAttributeAsync("data-pod-ids"))!;
        // Leaf elements only: a node box is drawn around its children, so it grows when a pod joins it.
        var stable = new[] { "dev/master/nic", "dev/node01/bridge", "dev/node02/tunnel", "pod/dev/pod1", "pod/prod/pod1" };
        var before = await Eval(page, $"positionsOf({JsonSerializer.Serialize(stable)})");
        var viewport = await Eval(page, "viewport()");

        // Within a few demo steps a pod is replaced (new name): the set of pod ids changes without a reload.
        await page.EvaluateAsync("() => { window.__topologyNoReload = true; }");
        await Assertions.Expect(graph).Not.ToHaveAttributeAsync("data-pod-ids", pods, new() { Timeout = 15_000 });

        Assert.Equal(before.ToString(), (await Eval(page, $"positionsOf({JsonSerializer.Serialize(stable)})")).ToString());
        Assert.Equal(viewport.ToString(), (await Eval(page, "viewport()")).ToString());
        Assert.True(await page.EvaluateAsync<bool>("() => window.__topologyNoReload === true"));
        Assert.NotNull(await graph.GetAttributeAsync("data-last-update-ms"));
        Assert.Empty(errors);
    }

    private static Task<JsonElement> Eval(IPage page, string call) =>
        page.EvaluateAsync<JsonElement>($"async () => {{ const m = await import('/js/topology-graph.js'); return m.{call}; }}");
}
