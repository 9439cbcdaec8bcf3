using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using ClusterNet.Core.Topology;
using ClusterNet.Web.Snapshots;
using Microsoft.Extensions.Options;

namespace ClusterNet.Web.Topology;

/// <summary>
/// The topology of a snapshot, built once per snapshot and shared by the page, REST and every circuit (the builder is
/// pure). Kept in a bounded shared cache (<see cref="SnapshotCaches"/>, "topology.graph"): the newest snapshots (and
/// RBAC cuts) by reference, older versions released when a new snapshot is published. Packet walks get the
/// NetworkPolicy verdict from the policy engine.
/// </summary>
public sealed class TopologyService(IOptions<TopologySettings> settings, PolicyEngineCache? policies = null, SnapshotCaches? caches = null)
{
    /// <summary>Graphs kept: the newest snapshot, the one before while circuits catch up, and RBAC cuts of them.</summary>
    public const int Capacity = 4;

    public const string CacheName = "topology.graph";

    private readonly TopologyOptions _options = settings.Value.ToOptions();
    private readonly PolicyEngineJudge _judge = new(policies);
    private readonly SnapshotCache<bool, TopologyGraph> _graphs = (caches ?? new SnapshotCaches()).Get<bool, TopologyGraph>(CacheName, Capacity, ApproximateBytes);

    public TopologySettings Settings { get; } = settings.Value;

    public TopologyOptions Options => _options;

    public TopologyGraph Get(ClusterSnapshot snapshot) =>
        _graphs.Get(snapshot, snapshot.Version, true, () => TopologyBuilder.Build(snapshot, _options));

    /// <summary><see cref="Get"/> built on the thread pool; callers asking meanwhile await the same build.</summary>
    public Task<TopologyGraph> GetAsync(ClusterSnapshot snapshot) =>
        _graphs.GetAsync(snapshot, snapshot.Version, true, () => TopologyBuilder.Build(snapshot, _options));

    public PacketWalkResult Walk(ClusterSnapshot snapshot, PacketWalkQuery request) =>
        PacketWalker.Walk(Get(snapshot), request, _judge);

    /// <summary>An estimate: about 600 bytes per element (record, id, label, attribute map, index entry) and 200 per edge.</summary>
    private static long ApproximateBytes(TopologyGraph graph) => (600L * graph.Elements.Length) + (200L * graph.Edges.Length);
}
