using ClusterNet.Core.Model;

namespace ClusterNet.Core.Store;

/// <summary>
/// A cluster source (live, file, demo) fills a <see cref="ClusterStore"/>; everything else reads the store's snapshots.
/// </summary>
public interface IClusterSource : IAsyncDisposable
{
    SourceInfo Info { get; }

    ClusterStore Store { get; }

    /// <summary>Starts syncing in the background; returns once started, not when synced.</summary>
    Task StartAsync(CancellationToken cancellationToken);
}
