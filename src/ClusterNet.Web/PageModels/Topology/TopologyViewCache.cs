using ClusterNet.Core.Model;
using ClusterNet.Core.Topology;
using ClusterNet.Core.Topology.Levels;

namespace ClusterNet.Web.PageModels.Topology;

/// <summary>
/// What every circuit's Topology page computes alike, computed once and shared (a singleton): the graph of a new snapshot
/// asked for by several at once (built once), the levels of the newest
/// graph (folding a 10,000-pod graph into its cluster level took 50–300 ms, and each navigation to the page, being a new
/// page model, paid it again before anything was drawn) and the pick lists of pods, namespaces and walk targets (four
/// natural sorts of 10,000 names per navigation). Bounded: views of the newest graph only, at most
/// <see cref="MaxLevels"/> of them (oldest dropped first); the lists of the newest pods and Services only.
/// </summary>
public sealed class TopologyViewCache
{
    /// <summary>Levels kept for the newest graph: the cluster level plus the nodes, focuses and walks people opened.</summary>
    public const int MaxLevels = 32;

    private readonly Lock _gate = new();
    private readonly Dictionary<LevelKey, Lazy<LevelView>> _levels = [];
    private readonly Queue<LevelKey> _order = new();
    private TopologyGraph? _graph;
    private (KindCollection<PodInfo> Pods, KindCollection<ServiceInfo> Services, Lazy<TopologyPickLists> Lists)? _lists;
    private (ClusterSnapshot Snapshot, Lazy<TopologyGraph> Graph)? _graphBuild;
    private int _levelsComputed;

    /// <summary>How many level views were computed (tests check that circuits share them).</summary>
    public int LevelsComputed => Volatile.Read(ref _levelsComputed);

    /// <summary>
    /// The level view of <paramref name="graph"/> for the query, focus context and options; the same instance for the same
    /// arguments while the graph is the newest (so a page's graph view sees an unchanged picture and sends nothing).
    /// Concurrent callers asking for the same view wait for one computation.
    /// </summary>
    public LevelView Level(TopologyGraph graph, LevelQuery query, FocusContext context, LevelOptions options)
    {
        var key = new LevelKey(query, string.Join(' ', context.PolicyPeers), string.Join(' ', context.WalkPath), options);
        var compute = new Lazy<LevelView>(() =>
        {
            Interlocked.Increment(ref _levelsComputed);
            return TopologyLevels.Compute(graph, query, options, context);
        });
        lock (_gate)
        {
            if (!ReferenceEquals(_graph, graph))
            {
                if (_graph is not null && graph.Version < _graph.Version)
                {
                    // An older graph (a page still on its last snapshot): computed, not kept.
                    return compute.Value;
                }

                _graph = graph;
                _levels.Clear();
                _order.Clear();
            }

            if (_levels.TryGetValue(key, out var cached))
            {
                compute = cached;
            }
            else
            {
                if (_levels.Count >= MaxLevels)
                {
                    _levels.Remove(_order.Dequeue());
                }

                _levels[key] = compute;
                _order.Enqueue(key);
            }
        }

        return compute.Value;
    }

    /// <summary>
    /// The graph of <paramref name="snapshot"/> from <paramref name="build"/> (the topology service's cache), built once when
    /// several circuits (or the warm-up and the first visitor) ask for the same new snapshot at the same time.
    /// </summary>
    public TopologyGraph Graph(ClusterSnapshot snapshot, Func<ClusterSnapshot, TopologyGraph> build)
    {
        Lazy<TopologyGraph> graph;
        lock (_gate)
        {
            if (_graphBuild is not { } pending || !ReferenceEquals(pending.Snapshot, snapshot))
            {
                if (_graphBuild is { } newer && newer.Snapshot.Version > snapshot.Version)
                {
                    // An older snapshot: not kept, the newest stays.
                    return build(snapshot);
                }

                _graphBuild = (snapshot, new Lazy<TopologyGraph>(() => build(snapshot)));
            }

            graph = _graphBuild.Value.Graph;
        }

        return graph.Value;
    }

    /// <summary>The page's pick lists for <paramref name="snapshot"/>, shared while its pods and Services are the same collections.</summary>
    public TopologyPickLists Lists(ClusterSnapshot snapshot)
    {
        Lazy<TopologyPickLists> lists;
        lock (_gate)
        {
            if (_lists is not { } cached || !ReferenceEquals(cached.Pods, snapshot.Pods) || !ReferenceEquals(cached.Services, snapshot.Services))
            {
                _lists = (snapshot.Pods, snapshot.Services, new Lazy<TopologyPickLists>(() => TopologyPickLists.Of(snapshot)));
            }

            lists = _lists.Value.Lists;
        }

        return lists.Value;
    }

    private sealed record LevelKey(LevelQuery Query, string Peers, string Path, LevelOptions Options);
}
