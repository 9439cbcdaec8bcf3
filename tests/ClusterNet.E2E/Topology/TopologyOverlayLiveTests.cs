using ClusterNet.E2E.Infrastructure;
using Microsoft.Playwright;

namespace ClusterNet.E2E.Topology;

/// <summary>The demo replaces pods every second: the overlay follows without a reload.</summary>
public sealed class TopologyOverlayLiveTests(ClusterNetAppFixture app) : IClassFixture<ClusterNetAppFixture>
{
    [Fact]
    public async Task LiveDemo_PodsReplaced_OverlayCoversTheNewPodSet()
    {
        var errors = new List<string>();
        var page = await app.NewPageAsync(consoleErrors: errors);
        await page.GotoAsync("/topology?overlay=to&oport=80&oproto=TCP&opod=dev%2Fpod1");
        var graph = page.Locator("[data-testid=topology-graph][data-ready=true]");
        await Assertions.Expect(graph).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        await Assertions.Expect(graph).ToHaveAttributeAsync("data-overlay", "on");
        var pods = (await graph.GetAttributeAsync("data-pod-ids"))!;
        await page.EvaluateAsync("() => { window.__topologyNoReload = true; }");

        // Once the pod set has changed, every pod of the new set is coloured: origin + allowed + denied + implementation-defined.
        await page.WaitForFunctionAsync(
            @"before => {
                const d = document.querySelector('[data-testid=topology-graph]').dataset;
                if (d.podIds === before || d.overlay !== 'on') return false;
                const coloured = 1 + Number(d.overlayAllowed) + Number(d.overlayDenied) + Number(d.overlayDepends);
                return coloured === Number(d.modelPodCount) && Number(d.overlayDrawn) === Number(d.podCount);
            }",
            pods,
            new() { Timeout = 20_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.__topologyNoReload === true"));
        Assert.Empty(errors);
    }
}
