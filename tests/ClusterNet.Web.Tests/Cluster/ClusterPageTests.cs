using Bunit;
using ClusterNet.Core.Model;
using ClusterNet.Web.Components.Pages;
using ClusterNet.Web.Navigation;
using ClusterNet.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace ClusterNet.Web.Tests.Cluster;

public sealed class ClusterPageTests : ShellTestContext
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
    public void TextFilter_Typed_WritesQueryStringForDeepLink()
    {
        var cut = RenderPage("pods");

        cut.InputWhenStable("input[aria-label='Filter pods']", "10.244.2");
        // MudBlazor's debounce runs on the injected (fake) TimeProvider: move time until it fires.
        cut.WaitForAssertion(() =>
        {
            Time.Advance(TimeSpan.FromMilliseconds(300));
            Assert.Contains("q=10.244.2", Navigation.Uri);
        });
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
    public void PodsTab_PodAddedInStore_RowAppearsWithoutReload()
    {
        var cut = RenderPage("pods", "dev");

        Publish(s => s.Upsert(SampleCluster.Pod("dev", "pod2", "10.244.2.7", "node02")));

        cut.WaitForAssertion(() => Assert.Equal(["dev/pod1", "dev/pod2"], QualifiedRows(cut, "Pods")));
    }

    [Fact]
    public void SyncTab_ForbiddenKind_ShowsMissingRightAndCommands()
    {
        Publish(s => s.SetStatus(ResourceKind.Ingresses, new KindStatus(KindState.Forbidden, 0, "ingresses.networking.k8s.io is forbidden")));

        var cut = RenderPage("sync");

        var row = cut.Find("tr[data-kind=ingresses]");
        Assert.Equal("forbidden", row.GetAttribute("data-state"));
        Assert.Contains("list and watch on ingresses.networking.k8s.io in all namespaces", row.TextContent);
        Assert.Contains("kubectl auth can-i list ingresses.networking.k8s.io --all-namespaces", row.TextContent);
        Assert.Contains("Demo cluster", cut.Find("[data-testid=source-card]").TextContent);
    }

    [Fact]
    public void SyncTab_Diagnostics_ListsInputProblems()
    {
        Publish(s => s.SetDiagnostics([new SourceDiagnostic("error", "invalid CIDR 10.244.1.0/33", "dump.yaml", 3, 12, Object: "Node node01", Field: "spec.podCIDR")]));

        var cut = RenderPage("sync");

        Assert.Contains("dump.yaml, document 3, line 12, Node node01, field spec.podCIDR: invalid CIDR", cut.Find("ul[aria-label='Input problems']").TextContent);
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
