using Bunit;
using ClusterNet.Core.Policy;
using ClusterNet.Web.Components.Policy;
using ClusterNet.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace ClusterNet.Web.Tests.Policy;

/// <summary>The page under flannel alone: verdicts carry the qualifier, the banner says nothing is enforced.</summary>
public sealed class PoliciesPageTests() : PoliciesTestContext(PolicyFixture.Objects(flannel: true))
{
    [Fact]
    public void Render_NamespaceMatrix_MarksDeniedAndMixedCells()
    {
        var cut = RenderPage();
        var cells = cut.FindAll("[data-testid=policy-ns-matrix] button");
        Assert.Equal(["dev>dev:some", "dev>prod:all", "prod>dev:none", "prod>prod:all"],
            cells.Select(b => $"{b.GetAttribute("data-from")}>{b.GetAttribute("data-to")}:{b.GetAttribute("data-state")}").ToArray());
        Assert.Equal("✗", cells[2].TextContent);
        Assert.Equal("2/4", cells[0].TextContent); // dev→dev: only the two self pairs
        Assert.Equal("prod to dev: 0 of 2 pod pairs allowed · not enforced by this CNI (flannel)", cells[2].GetAttribute("aria-label"));
        Assert.Equal("✓ allowed · ✗ denied · ~ implementation-defined · n/m pod pairs allowed · – no pods · not enforced by this CNI (flannel)",
            cut.Find("[data-testid=policy-legend]").TextContent);
    }

    [Fact]
    public void Click_NamespaceThenPodCell_ShowsExplanationAndPutsCellInUrl()
    {
        var cut = RenderPage();
        ClickAndFollow(cut, "[data-testid=policy-ns-matrix] button[data-from=prod][data-to=dev]");
        Assert.Contains("from=prod", Navigation.Uri);
        ClickAndFollow(cut, "[data-testid=policy-pod-matrix] button[data-from='prod/pod1'][data-to='dev/pod1']");
        Assert.Contains("cell=prod%2Fpod1%3Edev%2Fpod1", Navigation.Uri);
        Assert.Equal("Denied: dev/pod1 is isolated for ingress by deny-all-ingress; no rule admits from prod/pod1 on TCP 80.",
            cut.Find("[data-testid=policy-verdict]").TextContent.Trim());
    }

    [Fact]
    public void DeepLink_DeniedCellUnderFlannel_VerdictWordAndQualifierNotRed()
    {
        var cut = RenderPage(("from", "prod"), ("to", "dev"), ("cell", "prod/pod1>dev/pod1"));
        Assert.Equal("✗ denied", cut.Find("[data-testid=policy-verdict-word]").TextContent);
        Assert.Equal("not enforced by this CNI (flannel)", cut.Find("[data-testid=policy-verdict-qualifier]").TextContent);
        Assert.DoesNotContain("mud-alert-text-error", cut.Find("[data-testid=policy-verdict]").ClassName);
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
    public void DeepLink_Pod_ListsDeniedSources()
    {
        var cut = RenderPage(("pod", "dev/pod1"));
        Assert.Equal("dev/pod1 on 80/TCP: reached by 1 of 3 pods, reaches 2", cut.Find("[data-testid=policy-pod-reach]").TextContent);
        Assert.Equal(["dev/pod2", "prod/pod1"], cut.FindAll("[data-testid=policy-denied-sources] li").Select(l => l.TextContent).ToArray());
    }

    [Fact]
    public void Render_FlannelAlone_BannerAndLintAsFindings()
    {
        var cut = RenderPage();
        Assert.Contains("does not enforce NetworkPolicy", cut.Find("[data-testid=policy-not-enforced]").TextContent);
        var finding = cut.Find("[data-testid=policy-lint] [data-code=cni-enforces-no-policy]");
        Assert.Equal("error", finding.QuerySelector("[data-testid=finding-severity]")!.GetAttribute("data-severity"));
    }

    [Fact]
    public void Render_ProbeSelect_IsAMudSelectWithTheProbe()
    {
        var cut = RenderPage(("probe", "53/UDP"));
        Assert.Equal("53/UDP", cut.Find("input[data-testid=policy-probe]").GetAttribute("value"));
        Assert.Contains("53/UDP", cut.Find("[data-testid=policy-summary]").TextContent.Replace("UDP 53", "53/UDP"));
    }

    [Fact]
    public async Task WhatIf_DeletePolicy_ListsFlippedCellsOnEveryPort()
    {
        var cut = RenderPage();
        cut.Find("input[data-testid=policy-whatif-delete]").Change("dev/deny-all-ingress");
        await cut.Find("[data-testid=policy-whatif-run]").ClickAsync(new MouseEventArgs());
        Assert.Equal("4 cell(s) flip on 80/TCP. Verdicts: not enforced by this CNI (flannel).", cut.Find("[data-testid=policy-whatif-summary]").TextContent.Trim());
        Assert.Contains("prod/pod1 → dev/pod1 on 80/TCP: denied → allowed", cut.Find("[data-testid=policy-whatif-flipped]").TextContent);
    }

    [Fact]
    public async Task WhatIf_NothingFlips_SaysWhy()
    {
        var cut = RenderPage();
        cut.Find("textarea[data-testid=policy-whatif-yaml]").Change(
            "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ghost, namespace: dev}\nspec:\n  podSelector: {matchLabels: {app: nothing}}\n");
        await cut.Find("[data-testid=policy-whatif-run]").ClickAsync(new MouseEventArgs());
        Assert.Equal("0 cell(s) flip on 80/TCP.", cut.Find("[data-testid=policy-whatif-summary]").TextContent.Trim());
        Assert.Equal("Nothing flips on 80/TCP: dev/ghost selects no pod.", cut.Find("[data-testid=policy-whatif-why]").TextContent.Trim());
    }

    [Fact]
    public async Task WhatIf_BadYaml_LineNumberedError()
    {
        var cut = RenderPage();
        cut.Find("textarea[data-testid=policy-whatif-yaml]").Change("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: x, namespace: dev}\nspec:\n  podSelector: [1, 2]\n");
        await cut.Find("[data-testid=policy-whatif-run]").ClickAsync(new MouseEventArgs());
        Assert.StartsWith("line ", cut.Find("[data-testid=policy-whatif-errors] li").TextContent);
    }
}

public sealed class PoliciesEmptyPageTests() : PoliciesTestContext(PolicyFixture.Objects(withPolicy: false))
{
    [Fact]
    public void Render_NoPolicies_EmptyStateSaysEverythingAllowed()
    {
        var cut = RenderPage();
        Assert.Contains("every pod can reach every other pod", cut.Find("[data-testid=policy-empty]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=policy-not-enforced]"));
        Assert.Equal("No problems found in the policies.", cut.Find("[data-testid=policy-lint-empty]").TextContent);
    }
}

public sealed class ReachExplanationPanelTests : ShellTestContext
{
    private static ReachExplanation Explain(string from, string to)
    {
        var snapshot = Core.Model.ClusterSnapshot.Create(new Core.Model.SourceInfo("demo", "t"), PolicyFixture.Objects());
        return PolicyEngine.Build(snapshot).Explain(ReachEndpoint.OfPod(Core.Model.ObjectKey.Parse(from)), ReachEndpoint.OfPod(Core.Model.ObjectKey.Parse(to)), ReachProbe.Tcp(80));
    }

    [Fact]
    public void Render_DeniedCell_VerdictFirstThenRulesAndCommands()
    {
        var cut = Render<ReachExplanationPanel>(p => p.Add(x => x.Explanation, Explain("prod/pod1", "dev/pod2")));
        Assert.Equal("✗ denied", cut.Find("[data-testid=policy-verdict-word]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=policy-verdict-qualifier]"));
        Assert.StartsWith("Denied", cut.Find("[data-testid=policy-verdict]").TextContent.Trim());
        Assert.Contains("mud-alert-text-error", cut.Find("[data-testid=policy-verdict]").ClassName);
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
            .Add(x => x.Cell, (r, c) => MatrixCellText.ForPods(r == c ? ReachVerdict.Allowed : ReachVerdict.Denied, r == c))
            .Add(x => x.OnSelect, EventCallback.Factory.Create<(int Row, int Column)>(this, v => clicked = v)));
        Assert.Equal(["✓", "✗", "✗", "✓"], cut.FindAll("button").Select(b => b.TextContent).ToArray());
        Assert.Equal("a to b: denied", cut.FindAll("button")[1].GetAttribute("aria-label"));
        cut.FindAll("button")[1].Click();
        Assert.Equal((0, 1), clicked);
    }
}
