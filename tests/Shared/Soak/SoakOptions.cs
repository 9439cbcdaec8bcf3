namespace ClusterNet.Testing;

/// <summary>
/// How many faults of each kind <see cref="FaultSoak"/> injects and how much churn runs meanwhile. The short run is a
/// normal test; the full run is `bench/ClusterNet.Bench -- soak` with figures in README.
/// </summary>
public sealed record SoakOptions
{
    public int ApiServerKills { get; init; } = 2;

    public int Compactions { get; init; } = 1;

    public int EtcdPauses { get; init; } = 1;

    public TimeSpan EtcdPause { get; init; } = TimeSpan.FromSeconds(3);

    public int WatchCuts { get; init; } = 1;

    /// <summary>Pods created over the run; they are patched, and deleted oldest first once a quarter of this many stand.</summary>
    public int Pods { get; init; } = 100;

    /// <summary>One create, patch or delete per interval.</summary>
    public TimeSpan OperationInterval { get; init; } = TimeSpan.Zero;

    /// <summary>Churn without faults before each fault, so every fault hits a store that is busy changing.</summary>
    public TimeSpan ChurnBetweenFaults { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait for the snapshot to equal the server after a fault.</summary>
    public TimeSpan RecoveryTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public static SoakOptions Short { get; } = new();

    public static SoakOptions Full { get; } = new()
    {
        ApiServerKills = 10, Compactions = 5, EtcdPauses = 1, EtcdPause = TimeSpan.FromSeconds(10), WatchCuts = 2, Pods = 1_000,
        OperationInterval = TimeSpan.FromMilliseconds(60), ChurnBetweenFaults = TimeSpan.FromSeconds(10), RecoveryTimeout = TimeSpan.FromMinutes(2),
    };
}
