using BenchmarkDotNet.Running;
using ClusterNet.Bench.Live;
using ClusterNet.Bench.Store;

<<<<<<< HEAD
// Custom measurements BenchmarkDotNet cannot express run by name; everything else goes to BenchmarkSwitcher.
return args.FirstOrDefault() switch
{
    "store-latency" => await StoreLatencyMeasurement.RunAsync(args[1..]),
    "live-sync" => await LiveSyncMeasurement.RunAsync(args[1..]),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(StoreIngestionBenchmarks).Assembly).Run(args);
    return 0;
}
=======
if (args is ["policy-quick"])
{
    ClusterNet.Bench.Policy.PolicyQuickRun.Run(Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
>>>>>>> main
