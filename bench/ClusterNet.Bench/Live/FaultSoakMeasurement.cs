using ClusterNet.Bench.Store;
using ClusterNet.Testing;

namespace ClusterNet.Bench.Live;

/// <summary>
/// `soak`: the full fault soak against kube-apiserver 1.20 (tests/testenv; run tests/testenv/provision.sh first):
/// 10 apiserver kills, 5 forced compactions, etcd paused 10 s, 2 watch cuts, 1,000 pods churned; prints each fault's
/// time to recover and whether the store equalled the server after it. Exit code 1 when any comparison failed.
/// Run: dotnet run -c Release --project bench/ClusterNet.Bench -- soak [--kills 10] [--compactions 5] [--pause-seconds 10] [--cuts 2] [--pods 1000]
/// </summary>
public static class FaultSoakMeasurement
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = SoakOptions.Full with
        {
            ApiServerKills = StoreLatencyMeasurement.IntArg(args, "--kills", SoakOptions.Full.ApiServerKills),
            Compactions = StoreLatencyMeasurement.IntArg(args, "--compactions", SoakOptions.Full.Compactions),
            EtcdPause = TimeSpan.FromSeconds(StoreLatencyMeasurement.IntArg(args, "--pause-seconds", (int)SoakOptions.Full.EtcdPause.TotalSeconds)),
            WatchCuts = StoreLatencyMeasurement.IntArg(args, "--cuts", SoakOptions.Full.WatchCuts),
            Pods = StoreLatencyMeasurement.IntArg(args, "--pods", SoakOptions.Full.Pods),
        };
        Console.WriteLine($"soak: {options.ApiServerKills} apiserver kills, {options.Compactions} compactions, etcd paused {options.EtcdPause.TotalSeconds:0} s, " +
                          $"{options.WatchCuts} watch cuts, {options.Pods:N0} pods churned; {Environment.ProcessorCount} CPUs, load {LoadAverage()}");
        await using var plane = await TestControlPlane.StartAsync();
        var result = await new FaultSoak(plane, options, Console.WriteLine).RunAsync();
        Console.WriteLine(result);
        Console.WriteLine($"load average at the end: {LoadAverage()}");
        return result.AllEqual ? 0 : 1;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
