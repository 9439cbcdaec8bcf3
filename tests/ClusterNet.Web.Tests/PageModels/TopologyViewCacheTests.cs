using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using ClusterNet.Core.Queries;
using ClusterNet.Core.Topology.Levels;
using ClusterNet.Web.PageModels.Topology;
using ClusterNet.Web.Tests.Topology;
using ClusterNet.Web.Topology;
using Microsoft.Extensions.Options;

namespace ClusterNet.Web.Tests.PageModels;

/// <summary>Levels and pick lists computed once per snapshot for every circuit (each navigation is a new page model).</summary>
public sealed class TopologyViewCacheTests
{
    private readonly ClusterSnapshot _demo = TopologyTestData.DemoSnapshot();
    private readonly TopologyService _topology = new(Options.Create(new TopologySettings()));
    private readonly TopologyViewCache _shared = new();

    private static QueryInput Url(string level) => QueryInput.Parameters([new("level", level)]);

    private TopologyPageModel NewCircuit() => new(_topology, new PolicyEngineCache(), _shared);

    [Fact]
    public void Update_TwoCircuitsSameSnapshotAndLevel_LevelComputedOnceAndTheSameInstance()
    {
        var first = NewCircuit().Update(_demo, Url("cluster"), null);
        var second = NewCircuit().Update(_demo, Url("cluster"), null);

        Assert.Same(first.Level, second.Level);
        Assert.True(first.Pods == second.Pods, "the same sorted array (ImmutableArray == compares the array)");
        Assert.Equal(1, _shared.LevelsComputed);
    }

    [Fact]
    public void Update_NewSnapshot_LevelsOfTheOldGraphDropped()
    {
        var before = NewCircuit().Update(_demo, Url("cluster"), null);
        var next = _demo with { Version = _demo.Version + 1 };

        var after = NewCircuit().Update(next, Url("cluster"), null);

        Assert.NotSame(before.Level, after.Level);
        Assert.Equal(2, _shared.LevelsComputed);
        // Back to the older snapshot (a page still showing it): computed, and the newer graph's views stay.
        NewCircuit().Update(_demo, Url("cluster"), null);
        Assert.Same(after.Level, NewCircuit().Update(next, Url("cluster"), null).Level);
    }

    [Fact]
    public void Level_MoreThanMaxLevelsAsked_OldestDroppedAndRecomputed()
    {
        var graph = _topology.Get(_demo);
        var node = graph.Nodes.Keys.First();
        var first = _shared.Level(graph, new LevelQuery(GraphLevel.Cluster, null, null), FocusContext.None, LevelOptions.Default);
        for (var i = 0; i < TopologyViewCache.MaxLevels; i++)
        {
            _shared.Level(graph, new LevelQuery(GraphLevel.Node, node, null), FocusContext.None, LevelOptions.Default with { FocusPeersUpTo = i });
        }

        var again = _shared.Level(graph, new LevelQuery(GraphLevel.Cluster, null, null), FocusContext.None, LevelOptions.Default);

        Assert.NotSame(first, again);
        Assert.Equal(TopologyViewCache.MaxLevels + 2, _shared.LevelsComputed);
    }

    [Fact]
    public async Task Graph_SameNewSnapshotAskedConcurrently_BuiltOnce()
    {
        var builds = 0;
        var release = new ManualResetEventSlim();
        ClusterNet.Core.Topology.TopologyGraph Build(ClusterSnapshot s)
        {
            Interlocked.Increment(ref builds);
            release.Wait(TimeSpan.FromSeconds(10));
            return _topology.Get(s);
        }

        var first = Task.Run(() => _shared.Graph(_demo, Build));
        var second = Task.Run(() => _shared.Graph(_demo, Build));
        release.Set();

        Assert.Same(await first, await second);
        Assert.Equal(1, builds);
        var next = _demo with { Version = _demo.Version + 1 };
        _shared.Graph(next, Build);
        _shared.Graph(_demo, Build);
        Assert.Equal(3, builds);
        _shared.Graph(next, Build);
        Assert.Equal(3, builds);
    }

    [Fact]
    public void Lists_DemoSnapshot_NaturalOrderAndServicesAfterPods()
    {
        var lists = _shared.Lists(_demo);

        Assert.Equal(lists.Pods.Order(NaturalStringComparer.Instance), lists.Pods);
        Assert.Equal(lists.Pods, lists.WalkTargets.Take(lists.Pods.Length));
        Assert.All(lists.WalkTargets.Skip(lists.Pods.Length), t => Assert.StartsWith("svc/", t, StringComparison.Ordinal));
        Assert.Same(lists, _shared.Lists(_demo with { Version = _demo.Version + 1 }));
    }
}
