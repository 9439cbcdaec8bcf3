using ClusterNet.Core.Model;
using ClusterNet.Testing;
using Xunit.Abstractions;

namespace ClusterNet.Kubernetes.Tests.Live;

/// <summary>
/// The short fault soak (2 kube-apiserver kills, 1 watch cut, 1 forced compaction, etcd paused 3 s, 100 pods churned)
/// on a control plane of its own, as the faults would disturb the shared one. The full run and its figures:
/// `dotnet run -c Release --project bench/ClusterNet.Bench -- soak` (README, Benchmarks).
/// </summary>
public sealed class FaultSoakTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Soak_FaultsWhileChurning_SnapshotEqualsServerAfterEachAndOutagesSeen()
    {
        await using var plane = await TestControlPlane.StartAsync();
        var soak = new FaultSoak(plane, SoakOptions.Short, output.WriteLine)
        {
            RelistsAfterExpiry = source => source.StatsOf(ResourceKind.Pods).Sum(s => s.RelistsAfterExpiry),
        };

        var result = await soak.RunAsync();

        output.WriteLine(result.ToString());
        Assert.All(result.Faults, f => Assert.True(f.Equal, f.ToString()));
        Assert.True(result.Final.Equal, result.Final.ToString());
        Assert.All(result.Faults.Where(f => f.Fault.StartsWith("apiserver kill", StringComparison.Ordinal) || f.Fault.StartsWith("compaction", StringComparison.Ordinal)),
            f => Assert.True(f.OutageSeen, $"{f.Fault}: the store never reported the outage"));
        Assert.True(result.RelistsAfterExpiry >= 1, "no relist after 410 Gone: the compaction did not expire the watch");
        Assert.Equal(SoakOptions.Short.Pods, result.Creates);
        Assert.True(result.Patches > 0 && result.Deletes > 0);
        Assert.True(result.Duration < TimeSpan.FromMinutes(2), $"the short soak took {result.Duration}");
    }
}
