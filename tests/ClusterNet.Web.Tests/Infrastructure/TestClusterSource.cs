using ClusterNet.Core.Model;
using ClusterNet.Core.Store;

namespace ClusterNet.Web.Tests.Infrastructure;

/// <summary>
/// An in-memory source built from records. The store does not coalesce on a timer: tests change it through
/// <see cref="Store"/> and call <see cref="ClusterStore.Flush"/> to publish.
/// </summary>
public sealed class TestClusterSource : IClusterSource
{
    public TestClusterSource(SourceInfo? info = null, IEnumerable<IClusterObject>? objects = null, bool synced = true)
    {
        Info = info ?? new SourceInfo("demo", "Demo cluster");
        Store = new ClusterStore(Info, TimeSpan.Zero);
        foreach (var obj in objects ?? SampleCluster.Objects())
        {
            Store.Upsert(obj);
        }

        if (synced)
        {
            foreach (var kind in Store.Kinds)
            {
                Store.SetStatus(kind, new KindStatus(KindState.Synced, 0, ApiVersion: "v1"));
            }

            Store.SetConnection(ConnectionState.Connected);
        }

        Store.Flush();
    }

    public SourceInfo Info { get; }

    public ClusterStore Store { get; }

    public bool Started { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Started = true;
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => Store.DisposeAsync();
}
