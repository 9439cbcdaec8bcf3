using Bunit;
using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using ClusterNet.Web.Components.Pages;
using ClusterNet.Web.Components.Policy;
using ClusterNet.Web.Tests.Infrastructure;

namespace ClusterNet.Web.Tests.Policy;

/// <summary>The page follows published snapshots (each awaited, then asserted), states its verdict first, and pages large drill-downs.</summary>
public sealed class PoliciesLiveTests() : PoliciesTestContext(PolicyFixture.Objects())
{
    private static string StateOf(IRenderedComponent<Policies> cut, string from, string to) =>
        cut.Find($"[data-testid=policy-pod-matrix] button[data-from='{from}'][data-to='{to}']").GetAttribute("data-state")!;

    [Fact]
    public async Task Publish_PolicyDeleted_CellFlipsToAllowed()
    {
        var cut = RenderPage(("from", "dev"), ("to", "dev"), ("probe", "80/TCP"));
        Assert.Equal("denied", StateOf(cut, "dev/pod1", "dev/pod2"));

        await Controlled.PublishAsync(s => s with { NetworkPolicies = KindCollection<NetworkPolicyInfo>.From([]) }, ResourceKind.NetworkPolicies);

        Assert.Equal("allowed", StateOf(cut, "dev/pod1", "dev/pod2"));
        Assert.StartsWith("No traffic is denied on TCP 80", cut.Find("[data-testid=policy-summary]").TextContent.Trim());
    }

    [Fact]
    public async Task Publish_PodAdded_AppearsDeniedInDrillDown()
    {
        var cut = RenderPage(("from", "prod"), ("to", "dev"), ("probe", "80/TCP"));
        Assert.Equal("denied", StateOf(cut, "prod/pod1", "dev/pod1"));

        await Controlled.PublishAsync(s => s with { Pods = KindCollection<PodInfo>.From([.. s.Pods, PolicyFixture.Pod("dev", "pod3", "10.244.1.4")]) }, ResourceKind.Pods);

        // The new pod is isolated by deny-all-ingress like its neighbours: pod and namespace changes recompute too.
        Assert.Equal("denied", StateOf(cut, "prod/pod1", "dev/pod3"));
    }

    [Fact]
    public async Task Publish_UnwatchedKind_NoRecompute()
    {
        var cut = RenderPage(("probe", "80/TCP"));
        var before = cut.Find("[data-testid=policy-summary]").TextContent;
        await Controlled.PublishAsync(s => s with { Services = KindCollection<ServiceInfo>.From([new ServiceInfo { Namespace = "dev", Name = "web" }]) }, ResourceKind.Services);
        Assert.Equal(before, cut.Find("[data-testid=policy-summary]").TextContent);
    }

    [Fact]
    public void Render_Summary_CountsNamespacePairsWithDeniedTraffic()
    {
        var cut = RenderPage(("probe", "80/TCP"));
        Assert.Equal("2 of 4 namespace pairs have denied traffic on TCP 80 (4 of 9 pod pairs denied).", cut.Find("[data-testid=policy-summary]").TextContent.Trim());
        Assert.Equal(["dev>dev", "prod>dev"], cut.FindAll("[data-testid=policy-denied-pairs] button")
            .Select(b => $"{b.GetAttribute("data-from")}>{b.GetAttribute("data-to")}").ToArray());
    }

    [Fact]
    public void DeepLink_Cell_CopyButtonCopiesTestCommand()
    {
        var cut = RenderPage(("from", "dev"), ("to", "prod"), ("probe", "80/TCP"), ("cell", "dev/pod1>prod/pod1"));
        cut.Find("[data-testid=policy-explanation] .cn-command button[aria-label='Copy command']").Click();
        Assert.Contains(JSInterop.Invocations, i => i.Identifier == "copyText"
            && i.Arguments.Count > 0 && i.Arguments[0] as string == "kubectl exec -n dev pod1 -- nc -zv -w 2 10.244.2.2 80");
    }
}

public sealed class PoliciesScaleTests() : PoliciesTestContext(Cluster())
{
    private const int Pods = 130;

    private static IEnumerable<IClusterObject> Cluster()
    {
        yield return new NamespaceInfo { Name = "big" };
        for (var i = 0; i < Pods; i++)
        {
            yield return PolicyFixture.Pod("big", $"p{i:D3}", $"10.244.{i / 200}.{(i % 200) + 2}");
        }

        yield return new NetworkPolicyInfo { Namespace = "big", Name = "deny-all-ingress", PolicyTypes = ["Ingress"] };
    }

    [Fact]
    public void Render_130PodNamespace_DrillDownShowsOnePage()
    {
        var cut = RenderPage(("from", "big"), ("to", "big"), ("probe", "80/TCP"));
        Assert.Equal(60 * 60, cut.FindAll("[data-testid=policy-pod-matrix] button.cn-cell").Count);
        Assert.Equal("From 1–60 of 130", cut.Find("[data-testid=policy-pod-matrix-rows-range]").TextContent.Trim());
    }

    [Fact]
    public void DeepLink_CellOnThirdPage_ShowsItsPageSelected()
    {
        var cut = RenderPage(("from", "big"), ("to", "big"), ("probe", "80/TCP"), ("cell", "big/p125>big/p007"));
        var selected = cut.Find("[data-testid=policy-pod-matrix] button[aria-pressed=true]");
        Assert.Equal("big/p125", selected.GetAttribute("data-from"));
        Assert.Equal("big/p007", selected.GetAttribute("data-to"));
        Assert.StartsWith("Denied", cut.Find("[data-testid=policy-verdict]").TextContent.Trim());
    }
}

public sealed class PolicyMatrixTablePagingTests : ShellTestContext
{
    private IRenderedComponent<PolicyMatrixTable> RenderTable(int n, (int, int)? selected = null) => Render<PolicyMatrixTable>(p => p
        .Add(x => x.Rows, [.. Enumerable.Range(0, n).Select(i => $"r{i}")])
        .Add(x => x.Columns, [.. Enumerable.Range(0, n).Select(i => $"c{i}")])
        .Add(x => x.Cell, (r, c) => MatrixCellText.ForPods(ReachVerdict.Allowed, true))
        .Add(x => x.PageSize, 10)
        .Add(x => x.Selected, selected)
        .Add(x => x.TestId, "m"));

    [Theory]
    [InlineData(5, 25, false)]
    [InlineData(10, 100, false)]
    [InlineData(25, 100, true)]
    public void Render_RowsAndColumns_PagesAbovePageSize(int n, int cells, bool pager)
    {
        var cut = RenderTable(n);
        Assert.Equal(Math.Min(cells, 100), cut.FindAll("button.cn-cell").Count);
        Assert.Equal(pager, cut.FindAll("[data-testid=m-pager]").Count == 1);
    }

    [Fact]
    public void Click_NextRowsAndColumns_ShowsFollowingPage()
    {
        var cut = RenderTable(25);
        cut.Find("[data-testid=m-rows-next]").Click();
        Assert.Equal("r10", cut.Find("button.cn-cell").GetAttribute("data-from"));
        cut.Find("[data-testid=m-cols-next]").Click();
        cut.Find("[data-testid=m-cols-next]").Click();
        Assert.Equal("c20", cut.Find("button.cn-cell").GetAttribute("data-to"));
        Assert.Equal(5 * 10, cut.FindAll("button.cn-cell").Count);
        Assert.True(cut.Find("[data-testid=m-cols-next]").HasAttribute("disabled"));
    }

    [Fact]
    public void Render_SameNamesAndCellsFromNewSnapshot_SkipsRender()
    {
        var cut = RenderTable(25);
        var before = cut.RenderCount;

        // A new snapshot gives new lists and a new cell function (a new view) with the same words: nothing to draw.
        cut.Render(p => p
            .Add(x => x.Rows, [.. Enumerable.Range(0, 25).Select(i => $"r{i}")])
            .Add(x => x.Columns, [.. Enumerable.Range(0, 25).Select(i => $"c{i}")])
            .Add(x => x.Cell, (r, c) => MatrixCellText.ForPods(ReachVerdict.Allowed, true)));
        Assert.Equal(before, cut.RenderCount);

        // One visible cell flips: the page is drawn again.
        cut.Render(p => p.Add(x => x.Cell, (r, c) => MatrixCellText.ForPods(r == 1 && c == 2 ? ReachVerdict.Denied : ReachVerdict.Allowed, true)));
        Assert.Equal(before + 1, cut.RenderCount);
        Assert.Equal("denied", cut.Find("button[data-from=r1][data-to=c2]").GetAttribute("data-state"));
    }

    [Fact]
    public void Render_SelectedCell_OpensOnItsPage()
    {
        var cut = RenderTable(25, (21, 13));
        var selected = cut.Find("button[aria-pressed=true]");
        Assert.Equal(("r21", "c13"), (selected.GetAttribute("data-from"), selected.GetAttribute("data-to")));
    }
}
