using Bunit;
using ClusterNet.Core.Policy;
using ClusterNet.Web.PageModels.Topology;
using ClusterNet.Web.Snapshots;
using ClusterNet.Web.Tests.Infrastructure;
using ClusterNet.Web.Topology;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using TopologyPage = ClusterNet.Web.Components.Pages.Topology;

namespace ClusterNet.Web.Tests.Topology;

/// <summary>The Topology page's level bar and level URL over a feed the test controls; the graph script is a strict stub.</summary>
public class TopologyLevelBarTests : ShellTestContext
{
    private readonly BunitJSModuleInterop _graph;
    private readonly ControlledSnapshotFeed _feed = new(TopologyTestData.DemoSnapshot());

    public TopologyLevelBarTests()
    {
        Services.AddSingleton<ISnapshotFeed>(_feed);
        Services.AddOptions<TopologySettings>();
        Services.AddSingleton<TopologyService>();
        Services.AddSingleton<PolicyEngineCache>();
        Services.AddTopologyPageModel();
        _graph = JSInterop.SetupModule("/js/topology-graph.js");
        _graph.Setup<int>("initialize", _ => true).SetResult(5);
        _graph.Setup<double>("update", _ => true).SetResult(1);
        foreach (var name in new[] { "highlightPath", "select", "setFilter", "dispose", "overlay", "clearOverlay" })
        {
            _graph.SetupVoid(name, _ => true).SetVoidResult();
        }
    }

    private NavigationManager Nav => Services.GetRequiredService<NavigationManager>();

    private IEnumerable<JSRuntimeInvocation> Calls(string name) => _graph.Invocations.Where(i => i.Identifier == name);

    [Fact]
    public void Render_ClusterLevelUrl_BarSaysClusterAndTheGraphGetsCountedNodes()
    {
        Nav.NavigateTo("/topology?level=cluster");

        var cut = Render<TopologyPage>();

        Assert.Equal("cluster", cut.Find("[data-testid=level-bar]").GetAttribute("data-level"));
        var options = (string)Assert.Single(Calls("initialize")).Arguments[2]!;
        Assert.Contains("\"level\":\"Cluster||\"", options, StringComparison.Ordinal);
        Assert.Contains("\"collapsed\":\"true\"", options, StringComparison.Ordinal);
        Assert.DoesNotContain("\"kind\":\"pod\"", options, StringComparison.Ordinal);
    }

    [Fact]
    public void ClickNodeThenCluster_UrlHoldsTheLevelAndTheGraphGetsANewPicture()
    {
        Nav.NavigateTo("/topology?level=node&node=node01&focus=dev%2Fpod1");
        var cut = Render<TopologyPage>();
        Assert.Equal("node01", cut.Find("[data-testid=level-node]").TextContent.Trim());
        Assert.Equal("dev/pod1", cut.Find("[data-testid=level-focus]").TextContent.Trim());

        cut.Find("[data-testid=level-node]").Click();
        cut.WaitForAssertion(() => Assert.EndsWith("/topology?level=node&node=node01", Nav.Uri, StringComparison.Ordinal));
        cut.Find("[data-testid=level-cluster]").Click();

        cut.WaitForAssertion(() => Assert.EndsWith("/topology?level=cluster", Nav.Uri, StringComparison.Ordinal));
        cut.WaitForAssertion(() => Assert.Contains(Calls("update"), c => ((string)c.Arguments[1]!).Contains("\"level\":\"Cluster||\"", StringComparison.Ordinal)));
        Assert.Equal("cluster", cut.Find("[data-testid=level-bar]").GetAttribute("data-level"));
    }

    [Fact]
    public void Render_BadLevel_HintSaysWhy()
    {
        Nav.NavigateTo("/topology?level=galaxy");

        var cut = Render<TopologyPage>();

        Assert.Contains("level must be cluster, node or pods, got 'galaxy'", cut.Find("[data-testid=level-bar]").TextContent, StringComparison.Ordinal);
    }
}
