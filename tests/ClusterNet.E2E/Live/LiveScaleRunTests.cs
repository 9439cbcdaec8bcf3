using ClusterNet.Testing;
using ClusterNet.Testing.LiveScale;

namespace ClusterNet.E2E.Live;

/// <summary>
/// The short version of `bench … live-scale` (issue #15), so its program path cannot rot: the same
/// <see cref="LiveScaleRun"/> populates 2,000 pods on 20 nodes and 200 NetworkPolicies in a control plane of its own
/// (not the shared one: 2,000 pods would turn the other tests' small clusters into big ones), starts the dashboard as its
/// own process, waits for /readyz and watches three new pods reach /api/snapshot and an open Cluster page. No timing
/// assertions: the figures come from the benchmark.
/// </summary>
[Trait("Category", "ControlPlane")]
public sealed class LiveScaleRunTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task MeasureAsync_TwoThousandPodsOnTwentyNodes_ReadyWithEveryPodAndEachNewPodShownInSnapshotAndPage()
    {
        var options = new LiveScaleOptions { Pods = 2_000, Nodes = 20, Policies = 200, Changes = 3, AppDll = AppDll() };
        await using var plane = await TestControlPlane.StartAsync();
        var run = new LiveScaleRun(plane, options, output.WriteLine);
        await run.PopulateAsync();

        var result = await run.MeasureAsync(Path.GetTempPath());

        output.WriteLine(result.ToString());
        Assert.True(result.PodsAtReady >= options.Pods + 1, $"the snapshot at ready held {result.PodsAtReady} pods");
        Assert.Equal(options.Changes, result.SnapshotMs.Count);
        Assert.Equal(options.Changes, result.PageMs.Count);
        Assert.True(result.RssAtReadyMb > 0);
    }

    /// <summary>ClusterNet.Web.dll of the configuration this test was built with (the project reference built it).</summary>
    private static string AppDll()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        return Path.Combine(TestControlPlane.FindRepoRoot(), "src", "ClusterNet.Web", "bin", configuration, "net10.0", "ClusterNet.Web.dll");
    }
}
