using Bunit;
using ClusterNet.Core.Policy;
using ClusterNet.Web.Components.Pages;
using ClusterNet.Web.Components.Policy;
using ClusterNet.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace ClusterNet.Web.Tests.Policy;

public sealed class PoliciesPageTests : ShellTestContext
{
    public PoliciesPageTests()
        : base(new TestClusterSource(objects: PolicyFixture.Objects(flannel: true)))
    {
        Services.AddSingleton<PolicyEngineCache>();
    }

    /// <summary>Other test classes run in parallel on 2 shared cores: the dispatcher can take seconds to get to a check.</summary>
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private IRenderedComponent<Policies> RenderPage(params (string Name, string? Value)[] query)
    {
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters("/policies", query.ToDictionary(q => q.Name, q => (object?)q.Value)));
        return Render<Policies>();
    }

    /// <summary>The feed's first batch can re-render the page between Find and Click; retry until the click lands.</summary>
    private void ClickUntil(IRenderedComponent<Policies> cut, string selector, Func<bool> done)
    {
        for (var attempt = 0; attempt < 100 && !done(); attempt++)
        {
            cut.Find(selector).Click();
            if (!done())
            {
                Thread.Sleep(50);
            }
        }

        Assert.True(done(), $"clicking {selector} had no effect");
    }

    [Fact]
    public void Render_NamespaceMatrix_MarksDeniedAndMixedCells()
    {
        var cut = RenderPage();
        var cells = cut.FindAll("[data-testid=policy-ns-matrix] button");
        Assert.Equal(["dev>dev:some", "dev>prod:all", "prod>dev:none", "prod>prod:all"],
            cells.Select(b => $"{b.GetAttribute("data-from")}>{b.GetAttribute("data-to")}:{b.GetAttribute("data-state")}").ToArray());
        Assert.Equal("X", cells[2].TextContent);
        Assert.Equal("2/4", cells[0].TextContent); // dev→dev: only the two self pairs
    }

    [Fact]
    public void Click_NamespaceThenPodCell_ShowsExplanationAndPutsCellInUrl()
    {
        var cut = RenderPage();
        ClickUntil(cut, "[data-testid=policy-ns-matrix] button[data-from=prod][data-to=dev]", () => Navigation.Uri.Contains("from=prod"));
        cut.Render();
        cut.WaitForElement("[data-testid=policy-pod-matrix]", Wait);
        ClickUntil(cut, "[data-testid=policy-pod-matrix] button[data-from='prod/pod1'][data-to='dev/pod1']", () => Navigation.Uri.Contains("cell=prod%2Fpod1%3Edev%2Fpod1"));
        cut.Render();
        cut.WaitForAssertion(() => Assert.Equal("Denied: dev/pod1 is isolated for ingress by deny-all-ingress; no rule admits from prod/pod1 on TCP 80.",
            cut.Find("[data-testid=policy-verdict]").TextContent.Trim()), Wait);
    }

    [Fact]
    public void DeepLink_Cell_OpensExplanationWithTestCommand()
    {
        var cut = RenderPage(("from", "dev"), ("to", "prod"), ("cell", "dev/pod1>prod/pod1"), ("probe", "80/TCP"));
        Assert.StartsWith("Allowed", cut.Find("[data-testid=policy-verdict]").TextContent.Trim());
        Assert.Contains("kubectl exec -n dev pod1 -- nc -zv -w 2 10.244.2.2 80", cut.Markup);
        Assert.Equal("true", cut.Find("[data-testid=policy-pod-matrix] button[aria-pressed=true]").GetAttribute("aria-pressed"));
    }

    [Fact]
    public void Render_FlannelAlone_BannerAndLint()
    {
        var cut = RenderPage();
        Assert.Contains("does not enforce NetworkPolicy", cut.Find("[data-testid=policy-not-enforced]").TextContent);
        Assert.NotEmpty(cut.FindAll("[data-testid=policy-lint] li[data-code=cni-enforces-no-policy]"));
    }

    [Fact]
    public void WhatIf_DeletePolicy_ListsFlippedCells()
    {
        var cut = RenderPage();
        // The feed may publish while the test types; wait for the render that follows the click.
        cut.WaitForAssertion(() => Assert.Equal("80/TCP", cut.Find("#policy-probe").GetAttribute("value")), Wait);
        cut.Find("#policy-whatif-delete").Change("dev/deny-all-ingress");
        ClickUntil(cut, "[data-testid=policy-whatif-run]", () => cut.FindAll("[data-testid=policy-whatif-summary]").Count > 0);
        cut.WaitForAssertion(() => Assert.Equal("4 cell(s) flip on 80/TCP.", cut.Find("[data-testid=policy-whatif-summary]").TextContent.Trim()), Wait);
    }

    [Fact]
    public void WhatIf_BadYaml_LineNumberedError()
    {
        var cut = RenderPage();
        cut.Find("[data-testid=policy-whatif-yaml]").Change("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: x, namespace: dev}\nspec:\n  podSelector: [1, 2]\n");
        ClickUntil(cut, "[data-testid=policy-whatif-run]", () => cut.FindAll("[data-testid=policy-whatif-errors]").Count > 0);
        cut.WaitForAssertion(() => Assert.Contains("line ", cut.Find("[data-testid=policy-whatif-errors]").TextContent), Wait);
    }
}

public sealed class PoliciesEmptyPageTests : ShellTestContext
{
    public PoliciesEmptyPageTests()
        : base(new TestClusterSource(objects: PolicyFixture.Objects(withPolicy: false)))
    {
        Services.AddSingleton<PolicyEngineCache>();
    }

    [Fact]
    public void Render_NoPolicies_EmptyStateSaysEverythingAllowed()
    {
        Navigation.NavigateTo("/policies");
        var cut = Render<Policies>();
        Assert.Contains("every pod can reach every other pod", cut.Find("[data-testid=policy-empty]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=policy-not-enforced]"));
    }
}

public sealed class ReachExplanationPanelTests : ShellTestContext
{
    [Fact]
    public void Render_DeniedCell_VerdictFirstThenRulesAndCommands()
    {
        var snapshot = Core.Model.ClusterSnapshot.Create(new Core.Model.SourceInfo("demo", "t"), PolicyFixture.Objects());
        var e = PolicyEngine.Build(snapshot).Explain(ReachEndpoint.OfPod("prod", "pod1"), ReachEndpoint.OfPod("dev", "pod2"), ReachProbe.Tcp(80));
        var cut = Render<ReachExplanationPanel>(p => p.Add(x => x.Explanation, e));
        Assert.StartsWith("Denied", cut.Find("[data-testid=policy-verdict]").TextContent.Trim());
        Assert.Contains("dev/pod2 is isolated for ingress by deny-all-ingress", cut.Find("[data-testid=policy-side-ingress]").TextContent);
        Assert.Contains("kubectl exec -n prod pod1 -- nc -zv -w 2 10.244.1.3 80", cut.Markup);
    }

    [Fact]
    public void Render_MatrixTable_ClickRaisesSelection()
    {
        (int, int)? clicked = null;
        var cut = Render<PolicyMatrixTable>(p => p
            .Add(x => x.Rows, ["a", "b"])
            .Add(x => x.Columns, ["a", "b"])
            .Add(x => x.Cell, (r, c) => new MatrixCellView(r == c ? "." : "X", r == c ? "allowed" : "denied", "t"))
            .Add(x => x.OnSelect, EventCallback.Factory.Create<(int Row, int Column)>(this, v => clicked = v)));
        Assert.Equal([".", "X", "X", "."], cut.FindAll("button").Select(b => b.TextContent).ToArray());
        cut.FindAll("button")[1].Click();
        Assert.Equal((0, 1), clicked);
    }
}
