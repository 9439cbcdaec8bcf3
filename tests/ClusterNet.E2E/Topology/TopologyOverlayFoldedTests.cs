using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ClusterNet.E2E.Topology;

/// <summary>Folded nodes draw no pods: their boxes carry the overlay's counts instead.</summary>
public sealed class TopologyOverlayFoldedTests(TopologyFoldedDemoFixture app) : IClassFixture<TopologyFoldedDemoFixture>
{
    [Fact]
    public async Task FoldedNodes_OverlayOn_AggregateBoxesCountTheirPodsPerState()
    {
        var errors = new List<string>();
        var page = await app.NewPageAsync(consoleErrors: errors);
        await page.GotoAsync("/topology?overlay=from&oport=80&oproto=TCP&opod=prod%2Fpod1");
        var graph = page.Locator("[data-testid=topology-graph][data-ready=true]");
        await Assertions.Expect(graph).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        await Assertions.Expect(graph).ToHaveAttributeAsync("data-overlay", "on");
        Assert.NotEqual("0", await graph.GetAttributeAsync("data-aggregate-count"));

        var labels = await page.EvaluateAsync<string[]>(
            "async () => { const m = await import('/js/topology-graph.js'); return m.aggregateOverlayLabels(); }");

        Assert.NotEmpty(labels);
        Assert.All(labels, l => Assert.Matches(new Regex(@"✓ 0  ✗ \d+  ~ \d+"), l));
        Assert.Contains(labels, l => l.EndsWith("◎", StringComparison.Ordinal));
        Assert.Empty(errors);
    }
}
