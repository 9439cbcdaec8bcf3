using Bunit;
using ClusterNet.Core.Model;
using ClusterNet.Web.Components.Pages;
using ClusterNet.Web.Navigation;
using ClusterNet.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;

namespace ClusterNet.Web.Tests.Cluster;

public sealed class ClusterPageTests : ControlledShellTestContext
{
    private IRenderedComponent<ClusterNet.Web.Components.Pages.Cluster> RenderPage(string? tab = null, string? ns = null, string? q = null)
    {
        // Query parameters come from the URL, as in the browser.
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters("/cluster", new Dictionary<string, object?> { ["tab"] = tab, ["ns"] = ns, ["q"] = q }));
        return Render<ClusterNet.Web.Components.Pages.Cluster>();
    }

    private static List<string> Rows(IRenderedComponent<ClusterNet.Web.Components.Pages.Cluster> cut, string table) =>
        [.. cut.FindAll($"[aria-label={table}] tbody tr td[data-label=Name]").Select(td => td.TextContent.Trim())];

    private static List<string> QualifiedRows(IRenderedComponent<ClusterNet.Web.Components.Pages.Cluster> cut, string table) =>
        [.. cut.FindAll($"[aria-label={table}] tbody tr").Select(tr =>
            $"{tr.QuerySelector("td[data-label=Namespace]")?.TextContent.Trim()}/{tr.QuerySelector("td[data-label=Name]")?.TextContent.Trim()}")];

    [Fact]
    public void Render_Default_ListsNodesWithReadyStateAndPodCount()
    {
        var cut = RenderPage();

        Assert.Equal(["master", "node01", "node02"], Rows(cut, "Nodes"));
        var node01 = cut.FindAll("[aria-label=Nodes] tbody tr")[1];
        Assert.Contains("10.244.1.0/24", node01.TextContent);
        Assert.Contains("Ready", node01.TextContent);
        Assert.Equal("2", node01.QuerySelector("td[data-label=Pods]")!.TextContent.Trim());
        Assert.Equal("3/3", cut.Find("[data-testid=count-nodes]").TextContent);
    }

    [Theory]
    [InlineData(null, null, new[] { "dev/pod1", "prod/pod1", "prod/pod2" })]
    [InlineData("prod", null, new[] { "prod/pod1", "prod/pod2" })]
    [InlineData(null, "10.244.1.0/24", new[] { "dev/pod1", "prod/pod2" })]
    [InlineData(null, "node02", new[] { "prod/pod1" })]
    [InlineData(null, "app=api", new[] { "prod/pod2" })]
    [InlineData("dev", "api", new string[0])]
    public void PodsTab_FiltersFromUrl_ShowMatchingPods(string? ns, string? q, string[] expected)
    {
        var cut = RenderPage("pods", ns, q);

        Assert.Equal(expected, QualifiedRows(cut, "Pods").Where(r => r != "/").ToArray());
        if (expected.Length == 0)
        {
            Assert.Contains("No pods match the filters", cut.Markup);
        }
    }

    [Fact]
    public void ServicesTab_NamespaceFilter_ShowsTypeTrafficPolicyAndEndpoints()
    {
        var cut = RenderPage("services", "prod");

        var rows = cut.FindAll("[aria-label=Services] tbody tr");
        var row = Assert.Single(rows);
        Assert.Equal("LoadBalancer", row.QuerySelector("td[data-label=Type]")!.TextContent.Trim());
        Assert.Equal("Local", row.QuerySelector("td[data-label='Traffic policy']")!.TextContent.Trim());
        Assert.Contains("192.168.50.10", row.TextContent);
    }

    [Fact]
    public async Task TextFilter_Typed_WritesQueryStringForDeepLink()
    {
        var cut = RenderPage("pods");

        cut.InputWhenStable("input[aria-label='Filter pods']", "10.244.2");
        // Leaving the field commits the text at once (no waiting for the 250 ms debounce).
        await cut.InvokeAsync(() => cut.Find("input[aria-label='Filter pods']").BlurAsync(new FocusEventArgs()));

        Assert.Contains("q=10.244.2", Navigation.Uri);
        Assert.Equal(["prod/pod1"], QualifiedRows(cut, "Pods"));
    }

    [Fact]
    public void RowClick_Pod_SelectsItInUrl()
    {
        var cut = RenderPage("pods", "dev");
        var selection = Services.GetRequiredService<SelectionService>();

        cut.ClickWhenStable("[aria-label=Pods] tbody tr");

        Assert.Equal(ObjectRef.Pod("dev", "pod1"), selection.Current);
        Assert.Contains("sel=pods%2Fdev%2Fpod1", Navigation.Uri);
    }

    [Fact]
    public async Task PodsTab_PodAdded_RowAppearsWithoutReload()
    {
        var cut = RenderPage("pods", "dev");

        await Feed.PublishAsync(s => s with { Pods = KindCollection<PodInfo>.From([.. s.Pods, SampleCluster.Pod("dev", "pod2", "10.244.2.7", "node02")]) }, ResourceKind.Pods);

        Assert.Equal(["dev/pod1", "dev/pod2"], QualifiedRows(cut, "Pods"));
    }

    [Fact]
    public async Task SyncTab_KindTurnsForbidden_ShowsMissingRightAndCommands()
    {
        var cut = RenderPage("sync");

        await Feed.PublishAsync(s => s with { Kinds = s.Kinds.SetItem(ResourceKind.Ingresses, new KindStatus(KindState.Forbidden, 0, "ingresses.networking.k8s.io is forbidden")) });


        var row = cut.Find("tr[data-kind=ingresses]");
        Assert.Equal("forbidden", row.GetAttribute("data-state"));
        Assert.Contains("list and watch on ingresses.networking.k8s.io in all namespaces", row.TextContent);
        Assert.Contains("kubectl auth can-i list ingresses.networking.k8s.io --all-namespaces", row.TextContent);
        Assert.Contains("Demo cluster", cut.Find("[data-testid=source-card]").TextContent);
    }

    [Fact]
    public async Task SyncTab_Diagnostics_ListedAsInputFindings()
    {
        var cut = RenderPage("sync");

        await Feed.PublishAsync(s => s with { Diagnostics = [new SourceDiagnostic("error", "invalid CIDR 10.244.1.0/33", "dump.yaml", 3, 12, Object: "Node node01", Field: "spec.podCIDR")] });

        var finding = cut.Find("[data-testid=input-problems] [data-testid=finding]");
        Assert.Equal("input-error", finding.GetAttribute("data-code"));
        Assert.Contains("Node node01 · spec.podCIDR · dump.yaml, document 3, line 12", finding.TextContent);
        Assert.Equal("invalid CIDR 10.244.1.0/33", cut.Find("[data-testid=finding-message]").TextContent);
        Assert.Contains("Problems reading the input (1)", cut.Markup);
    }

    [Fact]
    public async Task Render_EmptyCluster_SaysSoInsteadOfZeroCountsAndKeepsSyncStatus()
    {
        var cut = RenderPage();

        await Feed.PublishAsync(SampleCluster.Snapshot([new NamespaceInfo { Name = "default" }], new SourceInfo("file", "dump.yaml")) with { Version = 99 });

        Assert.Contains("dump.yaml holds no Node and no Pod", cut.Find("[data-testid=empty-cluster]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=count-nodes]"));
        Assert.NotNull(cut.Find("tr[data-kind=pods]"));
    }

    [Fact]
    public async Task Dispose_Page_RemovesItsSubscription()
    {
        RenderPage("pods");
        Assert.Equal(1, Feed.SubscriberCount);

        await DisposeComponentsAsync();

        Assert.Equal(0, Feed.SubscriberCount);
    }
}
