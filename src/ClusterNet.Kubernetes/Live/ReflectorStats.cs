namespace ClusterNet.Kubernetes.Live;

/// <summary>Counters of one loop, for tests and logs: proves a relist really happened after 410 Gone.</summary>
internal sealed class ReflectorStats
{
    private int _lists;
    private int _relistsAfterExpiry;
    private int _continueExpired;
    private int _watches;
    private int _events;
    private int _failures;

    public int Lists => Volatile.Read(ref _lists);

    /// <summary>Lists done because a watch's resourceVersion expired (410 Gone / Expired).</summary>
    public int RelistsAfterExpiry => Volatile.Read(ref _relistsAfterExpiry);

    /// <summary>Paged lists restarted because the continue token expired.</summary>
    public int ContinueExpired => Volatile.Read(ref _continueExpired);

    public int Watches => Volatile.Read(ref _watches);

    public int Events => Volatile.Read(ref _events);

    public int Failures => Volatile.Read(ref _failures);

    internal void CountList() => Interlocked.Increment(ref _lists);

    internal void CountRelistAfterExpiry() => Interlocked.Increment(ref _relistsAfterExpiry);

    internal void CountContinueExpired() => Interlocked.Increment(ref _continueExpired);

    internal void CountWatch() => Interlocked.Increment(ref _watches);

    internal void CountEvent() => Interlocked.Increment(ref _events);

    internal void CountFailure() => Interlocked.Increment(ref _failures);
}
