namespace ClusterNet.Web.Hubs;

/// <summary>Connected hub clients, so tests (and logs) can see that disconnects are cleaned up.</summary>
public sealed class HubConnectionCounter
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Increment() => Interlocked.Increment(ref _count);

    public void Decrement() => Interlocked.Decrement(ref _count);
}
