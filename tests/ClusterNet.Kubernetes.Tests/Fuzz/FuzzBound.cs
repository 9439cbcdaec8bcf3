namespace ClusterNet.Kubernetes.Tests.Fuzz;

/// <summary>Runs one fuzz input with a watchdog: a hang fails the test with the input instead of stalling the run.</summary>
internal static class FuzzBound
{
    /// <summary>Generous: inputs are a few KiB and take microseconds; only a hang or a blow-up comes near.</summary>
    public static readonly TimeSpan PerInput = TimeSpan.FromSeconds(10);

    public static void Run(string what, Action action)
    {
        var task = Task.Factory.StartNew(action, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (!task.Wait(PerInput))
        {
            throw new TimeoutException($"{what}: no answer within {PerInput.TotalSeconds:0} s (a hang?)");
        }
    }
}
