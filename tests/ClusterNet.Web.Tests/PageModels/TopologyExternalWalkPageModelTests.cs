using ClusterNet.Core.Queries;
using ClusterNet.Web.PageModels.Topology;
using ClusterNet.Web.Tests.Topology;
using ClusterNet.Web.Topology;
using Microsoft.Extensions.Options;

namespace ClusterNet.Web.Tests.PageModels;

/// <summary>The Topology page's walk from outside the cluster through the demo's Gateway dev/eg: the URL form the README documents.</summary>
public sealed class TopologyExternalWalkPageModelTests
{
    [Fact]
    public void Update_ExternalWalkThroughGateway_PathFromTheGatewayToABackendPod()
    {
        var model = new TopologyPageModel(new TopologyService(Options.Create(new TopologySettings())), new ClusterNet.Core.Policy.PolicyEngineCache());
        var url = QueryInput.Parameters([new("from", "external"), new("to", "gw/dev/eg"), new("port", "80")]);

        var view = model.Update(TopologyTestData.DemoSnapshot(), url, null);

        Assert.Null(view.Walk!.Error);
        Assert.Equal("gw/dev/eg", view.Path.First());
        Assert.StartsWith("pod/dev/", view.Walk.PathElementIds[^1], StringComparison.Ordinal);
        Assert.Contains(view.Walk.PathElementIds, id => id.StartsWith("pod/envoy-gateway-system/", StringComparison.Ordinal));
        Assert.Equal(new WalkForm("external", "gw/dev/eg", 80, "TCP"), view.WalkForm);
    }
}
