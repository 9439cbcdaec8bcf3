namespace ClusterNet.Web.Snapshots;

/// <summary>A shared per-snapshot cache as <see cref="SnapshotCaches"/> reports and releases it, whatever it holds.</summary>
public interface ISnapshotCache
{
    string Name { get; }

    int Capacity { get; }

    int Count { get; }

    /// <summary>Estimated from each value's structure when it was stored (see each cache's estimate).</summary>
    long ApproximateBytes { get; }

    long Computed { get; }

    void Published(long version);

    /// <summary>Every subscriber has taken <paramref name="version"/>: entries of older versions go now, not one publication later.</summary>
    void Settled(long version);
}
