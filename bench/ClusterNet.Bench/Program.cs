using BenchmarkDotNet.Running;
using ClusterNet.Bench.Live;
using ClusterNet.Bench.Store;

// Custom measurements BenchmarkDotNet cannot express run by name; everything else goes to BenchmarkSwitcher.
switch (args.FirstOrDefault())
{
    case "policy-quick" when args.Length == 1:
        ClusterNet.Bench.Policy.PolicyQuickRun.Run(Console.Out);
        return 0;
    case "tiers-quick" when args.Length == 1:
        ClusterNet.Bench.Policy.TierQuickRun.Run(Console.Out);
        return 0;
    case "finding-groups" when args.Length == 1:
        ClusterNet.Bench.Findings.FindingGroupCount.Run(Console.Out);
        return 0;
    case "store-latency":
        return await StoreLatencyMeasurement.RunAsync(args[1..]);
    case "live-sync":
        return await LiveSyncMeasurement.RunAsync(args[1..]);
    case "live-decode":
        return await LiveDecodeMeasurement.RunAsync(args[1..]);
    case "live-scale":
        return await LiveScaleMeasurement.RunAsync(args[1..]);
    case "soak":
        return await FaultSoakMeasurement.RunAsync(args[1..]);
    case "hub-soak":
        return await ClusterNet.Bench.Web.HubSoakMeasurement.RunAsync(args[1..]);
    case "web-memory":
        await new ClusterNet.Bench.Web.WebMemoryRun(ClusterNet.Bench.Web.WebMemoryOptions.Parse(args[1..]), Console.WriteLine).RunAsync();
        return 0;
    default:
        BenchmarkSwitcher.FromAssembly(typeof(StoreIngestionBenchmarks).Assembly).Run(args);
        return 0;
}
