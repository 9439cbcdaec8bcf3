using Bunit;
using ClusterNet.Core.Model;

namespace ClusterNet.Web.Tests.Policy;

/// <summary>12 namespaces, each with a pod and a policy whose podSelector selects nothing: one lint group, not 12 items.</summary>
public sealed class PoliciesLintGroupTests() : PoliciesTestContext(Objects())
{
    private static IReadOnlyList<IClusterObject> Objects()
    {
        var list = new List<IClusterObject>();
        foreach (var n in new[] { 10, 2, 1, 12, 3, 11, 4, 5, 6, 7, 8, 9 })
        {
            list.Add(new NamespaceInfo { Name = $"ns{n}" });
            list.Add(PolicyFixture.Pod($"ns{n}", "pod10", $"10.244.{n}.10"));
            list.Add(PolicyFixture.Pod($"ns{n}", "pod2", $"10.244.{n}.2"));
            list.Add(new NetworkPolicyInfo { Namespace = $"ns{n}", Name = "web", PolicyTypes = ["Ingress"], PodSelector = new LabelSelector { MatchLabels = LabelMap.Of(("app", "gone")) } });
        }

        return list;
    }

    [Fact]
    public void Render_SameLintInEveryNamespace_OneGroupWithItsPoliciesBehindIt()
    {
        var cut = RenderPage();

        var group = cut.Find("[data-testid=policy-lint] [data-testid=finding-group][data-code=selects-no-pod]");
        Assert.Equal("12", group.GetAttribute("data-members"));
        Assert.Equal("12 NetworkPolicies: spec.podSelector app=gone selects no pod in its namespace: the policy has no effect.",
            group.QuerySelector("[data-testid=finding-group-summary] [data-testid=finding-message]")!.TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=policy-lint] > [data-testid=finding][data-code=selects-no-pod]"));
        // Members are rendered once the group is opened (not before: thousands of them would weigh on every circuit).
        Assert.Empty(group.QuerySelectorAll("[data-testid=finding-group-members]"));
        cut.Find("[data-testid=policy-lint] [data-testid=finding-group][data-code=selects-no-pod] [data-testid=finding-group-toggle]").Click();
        group = cut.Find("[data-testid=policy-lint] [data-testid=finding-group][data-code=selects-no-pod]");
        Assert.Equal("true", group.QuerySelector("[data-testid=finding-group-toggle]")!.GetAttribute("aria-expanded"));
        var members = group.QuerySelectorAll("[data-testid=finding-group-members] [data-testid=finding]").Select(m => m.GetAttribute("data-id")).ToList();
        Assert.Equal(12, members.Count);
        Assert.Equal("selects-no-pod:NetworkPolicy ns1/web", members[0]);
        Assert.Equal("selects-no-pod:NetworkPolicy ns2/web", members[1]);
        Assert.Equal("selects-no-pod:NetworkPolicy ns12/web", members[11]);
    }

    [Fact]
    public void Render_MatrixAndDrillDown_NamespacesAndPodsInNaturalOrder()
    {
        var cut = RenderPage();
        var rows = cut.FindAll("[data-testid=policy-ns-matrix] th[scope=row]").Select(t => t.TextContent.Trim()).ToList();
        Assert.Equal([.. Enumerable.Range(1, 12).Select(n => $"ns{n}")], rows);

        var drill = RenderPage(("from", "ns2"), ("to", "ns10"));
        Assert.Equal(["ns2/pod2", "ns2/pod10"], drill.FindAll("[data-testid=policy-pod-matrix] th[scope=row]").Select(t => t.TextContent.Trim()));
        Assert.Equal(["ns10/pod2", "ns10/pod10"], drill.FindAll("[data-testid=policy-pod-matrix] th[scope=col]").Skip(1).Select(t => t.TextContent.Trim()));
        // The selected namespace cell is the one named in the URL, after reordering.
        var selected = drill.Find("[data-testid=policy-ns-matrix] button[aria-pressed=true]");
        Assert.Equal("ns2", selected.GetAttribute("data-from"));
        Assert.Equal("ns10", selected.GetAttribute("data-to"));
    }
}
