using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using ClusterNet.Core.Topology;
using Microsoft.Extensions.Options;

namespace ClusterNet.Web.Topology;

/// <summary>
/// The topology of a snapshot, built once per snapshot and shared by the page, REST and every circuit
/// (the builder is pure, so the newest result can be reused as long as the snapshot is the same object).
/// Packet walks get the NetworkPolicy verdict from the policy engine.
/// </summary>
public sealed class TopologyService(IOptions<TopologySettings> settings, PolicyEngineCache? policies = null)
{
    private readonly Lock _gate = new();
    private readonly TopologyOptions _options = settings.Value.ToOptions();
    private readonly PolicyEngineJudge _judge = new(policies);
    private (ClusterSnapshot Snapshot, TopologyGraph Graph)? _last;

    public TopologySettings Settings { get; } = settings.Value;

    public TopologyOptions Options => _options;

    public TopologyGraph Get(ClusterSnapshot snapshot)
    {
        lock (_gate)
        {
            if (_last is { } l && ReferenceEquals(l.Snapshot, snapshot))
            {
                return l.Graph;
            }
        }

        var graph = TopologyBuilder.Build(snapshot, _options);
        lock (_gate)
        {
            // Keep the newest: a slow build of an older snapshot must not replace a newer one.
            if (_last is not { } current || current.Snapshot.Version <= snapshot.Version)
            {
                _last = (snapshot, graph);
            }
        }

        return graph;
    }

    public PacketWalkResult Walk(ClusterSnapshot snapshot, PacketWalkQuery request) =>
        PacketWalker.Walk(Get(snapshot), request, _judge);
}
