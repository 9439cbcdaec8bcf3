using Bunit;
using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Demo;
using ClusterNet.Web.Tests.Infrastructure;
using ClusterNet.Web.Topology;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using TopologyPage = ClusterNet.Web.Components.Pages.Topology;

namespace ClusterNet.Web.Tests.Topology;

public class TopologyPageTests : ShellTestContext
{
    private readonly BunitJSModuleInterop _graph;

    public TopologyPageTests()
        : base(new TestClusterSource(new SourceInfo("demo", "Demo cluster"), DemoClusterSource.LoadManifest().Objects))
    {
        Services.AddOptions<TopologySettings>();
        Services.AddSingleton<TopologyService>();
        Services.AddSingleton<ClusterNet.Core.Policy.PolicyEngineCache>();
        _graph = JSInterop.SetupModule("/js/topology-graph.js");
        _graph.Setup<int>("initialize", _ => true).SetResult(5);
        _graph.Setup<double>("update", _ => true).SetResult(1);
        _graph.SetupVoid("highlightPath", _ => true).SetVoidResult();
        _graph.SetupVoid("select", _ => true).SetVoidResult();
        _graph.SetupVoid("setFilter", _ => true).SetVoidResult();
        _graph.SetupVoid("dispose").SetVoidResult();
        _graph.SetupVoid("overlay", _ => true).SetVoidResult();
        _graph.SetupVoid("clearOverlay").SetVoidResult();
    }

    [Fact]
    public void Render_Demo_ShowsCniFactsAndInitializesTheGraphOnce()
    {
        var cut = Render<TopologyPage>();

        Assert.Contains("CNI: flannel", cut.Find("[data-testid=topology-cni]").TextContent);
        Assert.Contains("backend vxlan + DirectRouting", cut.Find("[data-testid=topology-facts]").TextContent);
        cut.WaitForAssertion(() => Assert.Single(_graph.Invocations, i => i.Identifier == "initialize"));
        Assert.Empty(cut.FindAll("[data-testid=topology-banner]"));
    }

    [Fact]
    public void Render_WalkInUrl_ShowsHopsAndHighlightsThePath()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/topology?from=dev%2Fpod1&to=prod%2Fpod1&port=80&protocol=TCP");

        var cut = Render<TopologyPage>();

        Assert.NotEmpty(cut.FindAll("[data-testid=walk-hop]"));
        cut.WaitForAssertion(() => Assert.Contains(_graph.Invocations, i => i.Identifier == "initialize"));
        Assert.Equal("dev/pod1", cut.Find("[data-testid=walk-from]").GetAttribute("value"));
    }

    [Fact]
    public void Render_PodsForbidden_BannerSaysTheTopologyIsIncomplete()
    {
        Source.Store.SetStatus(ResourceKind.Pods, new KindStatus(KindState.Forbidden, 0, "pods is forbidden"));
        Source.Store.Flush();

        var cut = Render<TopologyPage>();

        Assert.Contains("pods could not be read", cut.Find("[data-testid=topology-banner]").TextContent);
    }

    [Fact]
    public void Render_OverlayInUrl_ShowsSummaryAndSendsTheColouringToTheGraph()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/topology?overlay=to&oport=22&oproto=TCP&opod=dev%2Fpod1");

        var cut = Render<TopologyPage>();

        Assert.Contains("pods can reach dev/pod1 on TCP 22", cut.Find("[data-testid=overlay-summary]").TextContent);
        Assert.Contains("not enforced by flannel", cut.Find("[data-testid=overlay-not-enforced]").TextContent);
        cut.WaitForAssertion(() => Assert.Contains(_graph.Invocations, i => i.Identifier == "initialize" && ((string)i.Arguments[2]!).Contains("\"pod/dev/pod1\":\"origin\"", StringComparison.Ordinal)));
    }

    [Fact]
    public void Render_OverlayWithoutPod_AsksForOne()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/topology?overlay=from");

        var cut = Render<TopologyPage>();

        Assert.Contains("Click a pod on the graph", cut.Find("[data-testid=overlay-message]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=overlay-summary]"));
    }

    [Fact]
    public void Change_OverlayDirection_WritesTheOverlayToTheUrl()
    {
        var nav = Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo("/topology?sel=topology%2Fpod%2Fdev%2Fpod1");
        var cut = Render<TopologyPage>();
        cut.WaitForAssertion(() => Assert.Contains(_graph.Invocations, i => i.Identifier == "initialize"));

        cut.Find("[data-testid=overlay-direction]").Change("to");

        cut.WaitForAssertion(() => Assert.Contains("overlay=to", nav.Uri, StringComparison.Ordinal));
        Assert.Contains("oport=80", nav.Uri, StringComparison.Ordinal);
        Assert.Contains("opod=dev%2Fpod1", nav.Uri, StringComparison.Ordinal);
        cut.WaitForAssertion(() => Assert.Contains("pods can reach dev/pod1 on TCP 80", cut.Find("[data-testid=overlay-summary]").TextContent));
    }

    [Fact]
    public void Live_PoliciesDeleted_OverlayRecomputesAndRecoloursTheGraph()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/topology?overlay=to&oport=22&oproto=TCP&opod=dev%2Fpod1");
        var cut = Render<TopologyPage>();
        Assert.StartsWith("0 of ", cut.Find("[data-testid=overlay-summary]").TextContent);
        cut.WaitForAssertion(() => Assert.Contains(_graph.Invocations, i => i.Identifier == "initialize"));

        Source.Store.Delete(ResourceKind.NetworkPolicies, new ObjectKey("dev", "deny-all-ingress"));
        Source.Store.Delete(ResourceKind.NetworkPolicies, new ObjectKey("dev", "allow-80-ingress"));
        Source.Store.Flush();

        // Nothing isolates dev/pod1's ingress any more: only prod's egress deny-all still denies (prod/pod1).
        cut.WaitForAssertion(() => Assert.Contains("1 denied by prod/deny-all-egress", cut.Find("[data-testid=overlay-summary]").TextContent));
        cut.WaitForAssertion(() => Assert.Contains(_graph.Invocations, i => i.Identifier == "overlay"
            && ((string)i.Arguments[0]!).Contains("\"pod/dev/myapp", StringComparison.Ordinal)
            && !((string)i.Arguments[0]!).Contains("\"pod/shop/php-fpm-6b8f7c9d4-k7vzx\":\"denied\"", StringComparison.Ordinal)));
    }
}
