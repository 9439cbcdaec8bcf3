using ClusterNet.Bench.Web;

namespace ClusterNet.E2E.Memory;

/// <summary>
/// The short run of `web-memory` (bench/ClusterNet.Bench, issue #15): 1,000 pods and 5 circuits instead of 10,000 and
/// 50, the same program. Checks that every page is drawn, the figures are read and the shared caches behave (one
/// entry per snapshot whatever the circuits, older snapshots released); never times or sizes.
/// </summary>
public sealed class WebMemoryShortRunTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Slow")]
    public async Task Run_ThousandPodsFiveCircuits_EveryPageDrawnFiguresReadCachesShared()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var options = new WebMemoryOptions(WebServerProcess.WebDll(AppContext.BaseDirectory, configuration), Pods: 1_000, Circuits: 5, Changes: 2);

        var result = await new WebMemoryRun(options, output.WriteLine).RunAsync();

        Assert.True(result.Before.WorkingSet > 0 && result.Before.Heap > 0);
        Assert.Equal(1, result.After.Circuits);
        foreach (var cache in new[] { "topology.graph", "topology.lists", "policies.matrix", "dns.report", "cluster.view", "client-ip.overview" })
        {
            Assert.Equal(1, result.After.Caches.Single(c => c.Name == cache).Entries);
        }

        // Five circuits on one snapshot: still one graph, one matrix, one DNS report.
        Assert.Equal(5, result.Many!.Circuits);
        Assert.Equal(1, result.Many.Caches.Single(c => c.Name == "policies.matrix").Entries);
        Assert.Equal(1, result.Many.Caches.Single(c => c.Name == "dns.report").Entries);
        Assert.True(result.MeasuredCpuPerSnapshot > TimeSpan.Zero);
        // Two snapshots later the first one's entries are gone: at most the newest and the one before.
        Assert.All(result.AfterChanges!.Caches, c => Assert.InRange(c.Entries, 0, 2));
    }
}
