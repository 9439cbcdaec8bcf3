using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using ClusterNet.Core.Queries;
using ClusterNet.Core.Topology.Levels;
using ClusterNet.Web.PageModels.Topology;
using ClusterNet.Web.Tests.Topology;
using ClusterNet.Web.Topology;
using Microsoft.Extensions.Options;

namespace ClusterNet.Web.Tests.PageModels;

/// <summary>The Topology page model's levels: URL level/node/focus in, the drawn graph and the level bar's state out.</summary>
public class TopologyPageModelLevelTests
{
    private readonly ClusterSnapshot _demo = TopologyTestData.DemoSnapshot();
    private readonly TopologyPageModel _model = new(new TopologyService(Options.Create(new TopologySettings())), new PolicyEngineCache());

    private static QueryInput Url(string query) =>
        QueryInput.Parameters(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query)
            .SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string?>(kv.Key, v))));

    [Fact]
    public void Update_DemoNoLevel_EveryPodDrawnFromTheSameGraph()
    {
        var v = _model.Update(_demo, Url(""), null);

        Assert.Equal(GraphLevel.Pods, v.Level.Level);
        Assert.Same(v.Graph, v.Level.Drawn);
    }

    [Fact]
    public void Update_ClusterLevel_NodesAsCountedBoxesAndTheSameDrawnGraphWhileNothingChanges()
    {
        var first = _model.Update(_demo, Url("?level=cluster"), null);
        var again = _model.Update(_demo, Url("?level=cluster"), null);

        Assert.Equal(GraphLevel.Cluster, first.Level.Level);
        Assert.Same(first.Level.Drawn, again.Level.Drawn);
        Assert.DoesNotContain(first.Level.Drawn.Elements, e => e.Kind == "pod");
        Assert.All(first.Level.Drawn.Elements.Where(e => e.Kind == "node"), n => Assert.Equal("true", n.Data["collapsed"]));
    }

    [Fact]
    public void Update_SelectedPodBelowPodsLevel_BecomesTheFocusAndIsDrawn()
    {
        var v = _model.Update(_demo, Url("?level=cluster"), TopologyRef.Of("pod/dev/pod1"));

        Assert.Equal(GraphLevel.Node, v.Level.Level);
        Assert.Equal("pod/dev/pod1", v.Level.FocusId);
        Assert.Equal(new ObjectKey("dev", "pod1"), v.LevelQuery.Focus);
        Assert.Equal("pod/dev/pod1", v.DrawnSelectedId);
        Assert.NotNull(v.Level.Drawn.Element("pod/dev/pod1"));
    }

    [Fact]
    public void Update_DeepLinkNodeAndFocus_LevelBarState()
    {
        var v = _model.Update(_demo, Url("?level=node&node=node01&focus=dev%2Fpod1"), null);

        Assert.Equal(GraphLevel.Node, v.Level.Level);
        Assert.Equal("node01", v.Level.Node);
        Assert.Equal("pod/dev/pod1", v.Level.FocusId);
        Assert.Null(v.LevelError);
    }

    [Fact]
    public void Update_BadLevel_SaysWhyAndDrawsByClusterSize()
    {
        var v = _model.Update(_demo, Url("?level=galaxy"), null);

        Assert.Equal("level must be cluster, node or pods, got 'galaxy'", v.LevelError);
        Assert.Equal(GraphLevel.Pods, v.Level.Level);
    }

    [Fact]
    public void OpenParameters_CollapsedNode_OpensItsLevel()
    {
        _model.Update(_demo, Url("?level=cluster"), null);

        Assert.Equal([("level", "node"), ("node", "node01"), ("focus", null), ("group", null)], _model.OpenParameters("node/node01"));
        Assert.Equal([("level", "node"), ("node", "node02"), ("focus", "prod/pod1"), ("group", null)], _model.OpenParameters("pod/prod/pod1"));
    }

    [Fact]
    public void Update_Lists_SortedNaturally()
    {
        var v = _model.Update(_demo, Url(""), null);

        Assert.Equal(v.Namespaces.Order(NaturalStringComparer.Instance), v.Namespaces);
        Assert.Equal(v.Pods.Order(NaturalStringComparer.Instance), v.Pods);
    }
}
