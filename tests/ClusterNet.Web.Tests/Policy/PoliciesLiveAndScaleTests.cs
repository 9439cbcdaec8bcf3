using Bunit;
using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using ClusterNet.Web.Components.Pages;
using ClusterNet.Web.Components.Policy;
using ClusterNet.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ClusterNet.Web.Tests.Policy;

/// <summary>The page follows store changes, states its verdict first, and pages large drill-downs.</summary>
public sealed class PoliciesLiveTests : ShellTestContext
{
    public PoliciesLiveTests()
        : base(new TestClusterSource(objects: PolicyFixture.Objects()))
    {
        Services.AddSingleton<PolicyEngineCache>();
    }

    /// <summary>Other test classes run in parallel on 2 shared cores: the dispatcher can take seconds to get to a check.</summary>
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private IRenderedComponent<Policies> RenderPage(string query)
    {
        Navigation.NavigateTo("/policies?" + query);
        return Render<Policies>();
    }

    private static string StateOf(IRenderedComponent<Policies> cut, string from, string to) =>
        cut.Find($"[data-testid=policy-pod-matrix] button[data-from='{from}'][data-to='{to}']").GetAttribute("data-state")!;

    [Fact]
    public void StoreChange_PolicyDeleted_CellFlipsToAllowed()
    {
        var cut = RenderPage("from=dev&to=dev&probe=80/TCP");
        cut.WaitForAssertion(() => Assert.Equal("denied", StateOf(cut, "dev/pod1", "dev/pod2")), Wait);

        Source.Store.Delete(ResourceKind.NetworkPolicies, new ObjectKey("dev", "deny-all-ingress"));
        Source.Store.Flush();

        cut.WaitForAssertion(() => Assert.Equal("allowed", StateOf(cut, "dev/pod1", "dev/pod2")), Wait);
        cut.WaitForAssertion(() => Assert.StartsWith("No traffic is denied on TCP 80", cut.Find("[data-testid=policy-summary]").TextContent.Trim()), Wait);
    }

    [Fact]
    public void StoreChange_PodAdded_AppearsDeniedInDrillDown()
    {
        var cut = RenderPage("from=prod&to=dev&probe=80/TCP");
        cut.WaitForAssertion(() => Assert.Equal("denied", StateOf(cut, "prod/pod1", "dev/pod1")), Wait);

        Source.Store.Upsert(PolicyFixture.Pod("dev", "pod3", "10.244.1.4"));
        Source.Store.Flush();

        // The new pod is isolated by deny-all-ingress like its neighbours: pod and namespace changes recompute too.
        cut.WaitForAssertion(() => Assert.Equal("denied", StateOf(cut, "prod/pod1", "dev/pod3")), Wait);
    }

    [Fact]
    public void Render_Summary_CountsNamespacePairsWithDeniedTraffic()
    {
        var cut = RenderPage("probe=80/TCP");
        cut.WaitForAssertion(() => Assert.Equal("2 of 4 namespace pairs have denied traffic on TCP 80 (4 of 9 pod pairs denied).",
            cut.Find("[data-testid=policy-summary]").TextContent.Trim()), Wait);
        Assert.Equal(["dev>dev", "prod>dev"], cut.FindAll("[data-testid=policy-denied-pairs] button")
            .Select(b => $"{b.GetAttribute("data-from")}>{b.GetAttribute("data-to")}").ToArray());
    }

    [Fact]
    public void DeepLink_Cell_CopyButtonCopiesTestCommand()
    {
        var cut = RenderPage("from=dev&to=prod&probe=80/TCP&cell=dev%2Fpod1%3Eprod%2Fpod1");
        const string copy = "[data-testid=policy-explanation] .cn-command button[aria-label='Copy command']";
        cut.WaitForElement(copy, Wait);
        // A feed batch can re-render between Find and Click, retiring the handler the click targets: retry once it settles.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                cut.Find(copy).Click();
                break;
            }
            catch (ArgumentException) when (attempt < 50)
            {
                Thread.Sleep(50);
            }
        }

        cut.WaitForAssertion(() => Assert.Contains(JSInterop.Invocations, i => i.Identifier == "copyText"
            && i.Arguments.Count > 0 && i.Arguments[0] as string == "kubectl exec -n dev pod1 -- nc -zv -w 2 10.244.2.2 80"), Wait);
    }
}

public sealed class PoliciesScaleTests : ShellTestContext
{
    private const int Pods = 130;
    private static readonly TimeSpan LargeMarkup = TimeSpan.FromSeconds(30);

    public PoliciesScaleTests()
        : base(new TestClusterSource(objects: Cluster()))
    {
        Services.AddSingleton<PolicyEngineCache>();
    }

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
        Navigation.NavigateTo("/policies?from=big&to=big&probe=80/TCP");
        var cut = Render<Policies>();
        // 3,600 cells: parsing that markup takes seconds on a loaded machine, hence the generous timeout.
        cut.WaitForAssertion(() => Assert.Equal(60 * 60, cut.FindAll("[data-testid=policy-pod-matrix] button.cn-cell").Count), LargeMarkup);
        Assert.Equal("From 1–60 of 130", cut.Find("[data-testid=policy-pod-matrix-rows-range]").TextContent.Trim());
    }

    [Fact]
    public void DeepLink_CellOnThirdPage_ShowsItsPageSelected()
    {
        Navigation.NavigateTo("/policies?from=big&to=big&probe=80/TCP&cell=big%2Fp125%3Ebig%2Fp007");
        var cut = Render<Policies>();
        cut.WaitForAssertion(() =>
        {
            var selected = cut.Find("[data-testid=policy-pod-matrix] button[aria-pressed=true]");
            Assert.Equal("big/p125", selected.GetAttribute("data-from"));
            Assert.Equal("big/p007", selected.GetAttribute("data-to"));
        }, LargeMarkup);
        Assert.StartsWith("Denied", cut.Find("[data-testid=policy-verdict]").TextContent.Trim());
    }
}

public sealed class PolicyMatrixTablePagingTests : ShellTestContext
{
    private IRenderedComponent<PolicyMatrixTable> RenderTable(int n, (int, int)? selected = null) => Render<PolicyMatrixTable>(p => p
        .Add(x => x.Rows, [.. Enumerable.Range(0, n).Select(i => $"r{i}")])
        .Add(x => x.Columns, [.. Enumerable.Range(0, n).Select(i => $"c{i}")])
        .Add(x => x.Cell, (r, c) => new MatrixCellView(".", "allowed", "t"))
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
        cut.WaitForAssertion(() => Assert.Equal("r10", cut.Find("button.cn-cell").GetAttribute("data-from")), TimeSpan.FromSeconds(15));
        cut.Find("[data-testid=m-cols-next]").Click();
        cut.Find("[data-testid=m-cols-next]").Click();
        cut.WaitForAssertion(() => Assert.Equal("c20", cut.Find("button.cn-cell").GetAttribute("data-to")), TimeSpan.FromSeconds(15));
        Assert.Equal(5 * 10, cut.FindAll("button.cn-cell").Count);
        Assert.True(cut.Find("[data-testid=m-cols-next]").HasAttribute("disabled"));
    }

    [Fact]
    public void Render_SelectedCell_OpensOnItsPage()
    {
        var cut = RenderTable(25, (21, 13));
        var selected = cut.Find("button[aria-pressed=true]");
        Assert.Equal(("r21", "c13"), (selected.GetAttribute("data-from"), selected.GetAttribute("data-to")));
    }
}
