using Bunit;
using ClusterNet.Core.Model;
using ClusterNet.Web.Components.Topology;
using ClusterNet.Web.Tests.Infrastructure;
using ClusterNet.Web.Topology;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace ClusterNet.Web.Tests.Topology;

public class TopologyElementDetailsTests : ShellTestContext
{
    private readonly ClusterSnapshot _snapshot = TopologyTestData.DemoSnapshot();

    public TopologyElementDetailsTests()
    {
        Services.AddOptions<TopologySettings>();
        Services.AddSingleton<TopologyService>();
    }

    private IRenderedComponent<TopologyElementDetails> RenderFor(string elementId) =>
        Render<TopologyElementDetails>(p => p.Add(x => x.Target, TopologyRef.Of(elementId)).Add(x => x.Snapshot, _snapshot));

    [Fact]
    public void Render_Vtep_ShowsDataAndTheNodesPredictedRoutes()
    {
        var cut = RenderFor("dev/master/tunnel");

        Assert.Equal("dev/master/tunnel", cut.Find("[data-testid=topology-details]").GetAttribute("data-element"));
        Assert.Contains("flannel.1", cut.Markup);
        Assert.Contains("6a:1f:c3:4e:9b:01", cut.Markup);
        var routes = cut.Find("[data-testid=topology-routes]").TextContent;
        Assert.Contains("10.244.1.0/24 via 172.16.100.102 dev eth0", routes);
        Assert.Contains("10.244.2.0/24 via 172.16.100.103 dev eth0", routes);
        Assert.Empty(cut.FindAll("[data-testid=walk-from-here]"));
    }

    [Fact]
    public void Render_Pod_OffersWalksFromAndToHere()
    {
        var cut = RenderFor("pod/dev/pod1");

        Assert.Contains("10.244.1.2", cut.Markup);
        Assert.NotNull(cut.Find("[data-testid=walk-from-here]"));
        Assert.NotNull(cut.Find("[data-testid=walk-to-here]"));
        Assert.Contains("10.244.0.0/24 via 172.16.100.101 dev eth0", cut.Find("[data-testid=topology-routes]").TextContent);
    }

    [Fact]
    public void Click_WalkFromHere_NavigatesToTopologyWithFrom()
    {
        var nav = Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo("/topology");
        var cut = RenderFor("pod/dev/pod1");

        cut.Find("[data-testid=walk-from-here] button, button[data-testid=walk-from-here]").Click();

        Assert.Contains("from=dev%2Fpod1", nav.Uri);
        Assert.EndsWith("/topology", new Uri(nav.Uri).AbsolutePath);
    }

    [Fact]
    public void Click_WalkToHereOnService_UsesSvcPrefix()
    {
        var nav = Services.GetRequiredService<NavigationManager>();
        var cut = RenderFor("svc/dev/myapp");

        cut.Find("button[data-testid=walk-to-here], [data-testid=walk-to-here] button").Click();

        Assert.Contains("to=svc%2Fdev%2Fmyapp", nav.Uri);
        Assert.Contains("/topology", nav.Uri);
    }

    [Fact]
    public void Render_UnknownElement_SaysItIsGone()
    {
        var cut = RenderFor("pod/dev/gone");

        Assert.Contains("pod/dev/gone", cut.Find("[data-testid=topology-missing]").TextContent);
    }
}
