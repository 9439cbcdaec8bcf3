using BenchmarkDotNet.Running;

if (args is ["policy-quick"])
{
    ClusterNet.Bench.Policy.PolicyQuickRun.Run(Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
