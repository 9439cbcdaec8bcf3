using Bunit;
using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using ClusterNet.Web.Navigation;
using ClusterNet.Web.PageModels.Topology;
using ClusterNet.Web.Snapshots;
using ClusterNet.Web.Tests.Infrastructure;
using ClusterNet.Web.Topology;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using TopologyPage = ClusterNet.Web.Components.Pages.Topology;

namespace ClusterNet.Web.Tests.Topology;

/// <summary>
/// The Topology page over a feed the test controls: publish snapshot N, then assert. The graph script is a strict stub
/// whose every call names the container (state per instance in the script).
/// </summary>
public class TopologyPageTests : ShellTestContext
{
    private readonly BunitJSModuleInterop _graph;
    private readonly ControlledSnapshotFeed _feed = new(TopologyTestData.DemoSnapshot());

    public TopologyPageTests()
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
    public void Render_Demo_ShowsCniFactsAndInitializesTheGraphOnce()
    {
        var cut = Render<TopologyPage>();

        Assert.Contains("CNI: flannel", cut.Find("[data-testid=topology-cni]").TextContent);
        Assert.Contains("backend vxlan + DirectRouting", cut.Find("[data-testid=topology-facts]").TextContent);
        Assert.Equal("policy: not enforced by this CNI (flannel)", cut.Find("[data-testid=topology-policy]").TextContent.Trim());
        Assert.Single(Calls("initialize"));
        Assert.Empty(cut.FindAll("[data-testid=topology-banner]"));
    }

    [Fact]
    public void Render_Inputs_AreMudBlazorWithTheirLabelsAndTestIds()
    {
        var cut = Render<TopologyPage>();

        Assert.Empty(cut.FindAll("select, textarea, datalist"));
        Assert.All(cut.FindAll("input"), i => Assert.Contains("mud-input-slot", i.ClassName ?? ""));
        foreach (var (testId, label) in new[]
        {
            ("filter-namespace", "Namespace"), ("filter-node", "Node"), ("filter-label", "Label selector"), ("filter-text", "Search"),
            ("walk-from", "From pod"), ("walk-to", "To pod or Service"), ("walk-port", "Port"), ("walk-protocol", "Protocol"),
        })
        {
            var field = cut.Find($"[data-testid={testId}]");
            Assert.Equal(label, field.GetAttribute("aria-label"));
            Assert.Contains("mud-input-slot", field.ClassName ?? "");
        }
    }

    [Fact]
    public void Render_WalkInUrl_ShowsHopsAndHighlightsThePath()
    {
        Nav.NavigateTo("/topology?from=dev%2Fpod1&to=prod%2Fpod1&port=80&protocol=TCP");

        var cut = Render<TopologyPage>();

        Assert.NotEmpty(cut.FindAll("[data-testid=walk-hop]"));
        var options = (string)Assert.Single(Calls("initialize")).Arguments[2]!;
        Assert.Contains("\"path\":[\"pod/dev/pod1\"", options, StringComparison.Ordinal);
        Assert.Equal("dev/pod1", cut.Find("[data-testid=walk-from]").GetAttribute("value"));
        Assert.Contains("not enforced by this CNI (flannel)", cut.Find("[data-testid=walk-policy]").TextContent);
    }

    [Fact]
    public void Render_WalkWithBadPort_ShowsTheParsersMessage()
    {
        Nav.NavigateTo("/topology?from=dev%2Fpod1&to=prod%2Fpod1&port=0");

        var cut = Render<TopologyPage>();

        Assert.Equal("port must be 1–65535, got 0", cut.Find("[data-testid=walk-error]").TextContent.Trim());
    }

    [Fact]
    public void Render_PodsForbidden_BannerSaysTheTopologyIsIncomplete()
    {
        var demo = TopologyTestData.DemoSnapshot();
        Services.AddSingleton<ISnapshotFeed>(new ControlledSnapshotFeed(demo with
        {
            Kinds = demo.Kinds.SetItem(ResourceKind.Pods, new KindStatus(KindState.Forbidden, 0, "pods is forbidden")),
        }));

        var cut = Render<TopologyPage>();

        Assert.Contains("pods could not be read", cut.Find("[data-testid=topology-banner]").TextContent);
    }

    [Fact]
    public void Render_Warnings_AreFindingsInTheOneList()
    {
        var demo = TopologyTestData.DemoSnapshot();
        var broken = demo.ConfigMaps.First(c => c.Name == "kube-flannel-cfg");
        Services.AddSingleton<ISnapshotFeed>(new ControlledSnapshotFeed(demo with
        {
            ConfigMaps = new KindCollection<ConfigMapInfo>(demo.ConfigMaps.ByKey.SetItem(broken.Key, broken with { Data = broken.Data.SetItem("net-conf.json", "{ \"Network\": ") })),
        }));

        var cut = Render<TopologyPage>();

        var finding = Assert.Single(cut.FindAll("[data-testid=topology-findings] [data-testid=finding]"), f => f.GetAttribute("data-code") == "netconf-invalid");
        Assert.Contains("net-conf.json is invalid", finding.TextContent);
    }

    [Fact]
    public void Render_OverlayInUrl_ShowsSummaryAndSendsTheColouringToTheGraph()
    {
        Nav.NavigateTo("/topology?overlay=to&oport=22&oproto=TCP&opod=dev%2Fpod1");

        var cut = Render<TopologyPage>();

        Assert.Contains("pods → dev/pod1 on TCP 22: 0 allowed", cut.Find("[data-testid=overlay-summary]").TextContent);
        Assert.EndsWith("; not enforced by this CNI (flannel).", cut.Find("[data-testid=overlay-summary]").TextContent);
        Assert.Contains("not enforced by flannel", cut.Find("[data-testid=overlay-not-enforced]").TextContent);
        Assert.Contains("\"pod/dev/pod1\":\"origin\"", (string)Assert.Single(Calls("initialize")).Arguments[2]!, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_OverlayWithoutPod_AsksForOne()
    {
        Nav.NavigateTo("/topology?overlay=from");

        var cut = Render<TopologyPage>();

        Assert.Contains("Click a pod on the graph", cut.Find("[data-testid=overlay-message]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=overlay-summary]"));
    }

    [Fact]
    public async Task Change_OverlayDirection_WritesTheOverlayToTheUrlPinningTheSelectedPod()
    {
        Nav.NavigateTo("/topology?sel=topology%2Fpod%2Fdev%2Fpod1");
        var cut = Render<TopologyPage>();
        var direction = cut.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Direction");

        await cut.InvokeAsync(() => direction.Instance.ValueChanged.InvokeAsync("to"));

        Assert.Contains("overlay=to", Nav.Uri, StringComparison.Ordinal);
        Assert.Contains("oport=80", Nav.Uri, StringComparison.Ordinal);
        Assert.Contains("opod=dev%2Fpod1", Nav.Uri, StringComparison.Ordinal);
        Assert.Contains("pods → dev/pod1 on TCP 80", cut.Find("[data-testid=overlay-summary]").TextContent);
    }

    [Fact]
    public async Task Live_PoliciesDeleted_OverlayRecomputesAndRecoloursTheGraph()
    {
        Nav.NavigateTo("/topology?overlay=to&oport=22&oproto=TCP&opod=dev%2Fpod1");
        var cut = Render<TopologyPage>();
        Assert.Contains(": 0 allowed", cut.Find("[data-testid=overlay-summary]").TextContent);

        await _feed.PublishAsync(s => s with
        {
            NetworkPolicies = new KindCollection<NetworkPolicyInfo>(s.NetworkPolicies.ByKey.Remove(new ObjectKey("dev", "deny-all-ingress")).Remove(new ObjectKey("dev", "allow-80-ingress"))),
        }, ResourceKind.NetworkPolicies);

        // Nothing isolates dev/pod1's ingress any more: only prod's egress deny-all still denies (prod/pod1).
        Assert.Contains("1 denied by prod/deny-all-egress", cut.Find("[data-testid=overlay-summary]").TextContent);
        var recoloured = (string)Calls("overlay").Last().Arguments[1]!;
        Assert.Contains("\"pod/dev/myapp", recoloured, StringComparison.Ordinal);
        Assert.DoesNotContain("\"pod/shop/php-fpm-6b8f7c9d4-k7vzx\":\"denied\"", recoloured, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Live_ServicesOnlyChanged_KeepsTheOverlayAndTheGraphGetsADelta()
    {
        Nav.NavigateTo("/topology?overlay=to&oport=22&oproto=TCP&opod=dev%2Fpod1");
        var cut = Render<TopologyPage>();
        var overlayCalls = Calls("overlay").Count();

        await _feed.PublishAsync(s => s with { Services = new KindCollection<ServiceInfo>(s.Services.ByKey.Remove(s.Services.First(x => x.Namespace == "dev").Key)) }, ResourceKind.Services);

        Assert.Single(Calls("update"));
        Assert.Equal(overlayCalls, Calls("overlay").Count());
    }

    [Fact]
    public async Task GlobalSearch_PodSelected_BecomesTheGraphSelectionSoTheSamePanelOpens()
    {
        Nav.NavigateTo("/topology");
        var cut = Render<TopologyPage>();
        var selection = Services.GetRequiredService<SelectionService>();

        await cut.InvokeAsync(() => selection.Select(ObjectRef.Pod("dev", "pod1")));

        Assert.Equal(TopologyRef.Of("pod/dev/pod1"), selection.Current);
        Assert.Contains("sel=topology%2Fpod%2Fdev%2Fpod1", Nav.Uri, StringComparison.Ordinal);
        Assert.Equal([null, "pod/dev/pod1"], Calls("select").Select(c => c.Arguments[1]).Prepend(null).Distinct());
    }

    [Fact]
    public async Task WalkFromHere_WithoutTo_FocusesTheToField()
    {
        var cut = Render<TopologyPage>();
        var before = JSInterop.Invocations.Count;

        await cut.InvokeAsync(() => Nav.NavigateTo(Services.GetRequiredService<UrlState>().LinkWith(("from", "dev/pod1"))));

        Assert.Equal("dev/pod1", cut.Find("[data-testid=walk-from]").GetAttribute("value"));
        Assert.Contains(JSInterop.Invocations.Skip(before), i => i.Identifier.Contains("focus", StringComparison.OrdinalIgnoreCase));
    }
}
