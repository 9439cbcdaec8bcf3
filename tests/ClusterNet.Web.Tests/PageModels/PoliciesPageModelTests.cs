using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using ClusterNet.Core.Policy.Queries;
using ClusterNet.Web.PageModels.Policies;
using ClusterNet.Web.Tests.Policy;

namespace ClusterNet.Web.Tests.PageModels;

/// <summary>The Policies page's logic without a renderer: URL in, view out, caching, newest-wins refresh, what-if.</summary>
public sealed class PoliciesPageModelTests
{
    private static ClusterSnapshot Snapshot(bool flannel = false, params IClusterObject[] extra) =>
        ClusterSnapshot.Create(new SourceInfo("demo", "model"), [.. PolicyFixture.Objects(flannel: flannel), .. extra]);

    private static readonly ReachEndpoint ProdPod1 = ReachEndpoint.OfPod("prod", "pod1");
    private static readonly ReachEndpoint DevPod1 = ReachEndpoint.OfPod("dev", "pod1");

    [Fact]
    public void Show_NamespacePairAndCell_DrillDownSelectionAndExplanation()
    {
        var model = new PoliciesPageModel(new PolicyEngineCache());
        var view = model.Show(Snapshot(), new ReachViewQuery { FromNamespace = "prod", ToNamespace = "dev", CellFrom = ProdPod1, CellTo = DevPod1 });
        Assert.Equal([ReachProbe.Tcp(80)], view.Probes);
        Assert.Equal(["prod/pod1"], view.PodRows);
        Assert.Equal(["dev/pod1", "dev/pod2"], view.PodColumns);
        Assert.Equal((0, 0), view.SelectedPods);
        Assert.Equal((1, 0), view.SelectedNamespaces);
        Assert.Equal(ReachVerdict.Denied, view.Explanation!.Verdict);
        Assert.Equal("Denied", view.ExplanationVerdict);
        Assert.Equal("✗", view.PodCell(0, 0).Mark);
        Assert.Equal(("prod", "dev"), view.NamespacePair((1, 0)));
        Assert.Equal("prod/pod1>dev/pod2", view.PodCellText((0, 1)));
    }

    [Fact]
    public void Show_UnknownPodInCell_NoExplanation()
    {
        var model = new PoliciesPageModel(new PolicyEngineCache());
        var view = model.Show(Snapshot(), new ReachViewQuery { CellFrom = ReachEndpoint.OfPod("prod", "gone"), CellTo = DevPod1, Pod = new ObjectKey("dev", "gone") });
        Assert.Null(view.Explanation);
        Assert.Null(view.Inbound);
    }

    [Fact]
    public void Show_ProbeNotAContainerPort_OfferedFirstAndShown()
    {
        var model = new PoliciesPageModel(new PolicyEngineCache());
        var view = model.Show(Snapshot(), new ReachViewQuery { Probe = new ReachProbe(53, "UDP") });
        Assert.Equal([new ReachProbe(53, "UDP"), ReachProbe.Tcp(80)], view.Probes);
        Assert.Equal(new ReachProbe(53, "UDP"), view.Probe);
        Assert.Equal(new ReachProbe(53, "UDP"), view.Namespaces!.Probe);
    }

    [Fact]
    public void Show_SameEngineAndProbe_ReusesMatrixAndFindings()
    {
        var model = new PoliciesPageModel(new PolicyEngineCache());
        var snapshot = Snapshot(flannel: true);
        var first = model.Show(snapshot, new ReachViewQuery());
        var second = model.Show(snapshot, new ReachViewQuery { FromNamespace = "dev", ToNamespace = "dev" });
        Assert.Same(first.Namespaces, second.Namespaces);
        Assert.Equal(first.Findings, second.Findings);
        Assert.Equal(["dev/pod1", "dev/pod2"], second.PodRows);
    }

    [Fact]
    public void Show_Flannel_QualifierOnCellsAndBanner()
    {
        var view = new PoliciesPageModel(new PolicyEngineCache()).Show(Snapshot(flannel: true), new ReachViewQuery { FromNamespace = "prod", ToNamespace = "dev" });
        Assert.Equal("not enforced by this CNI (flannel)", view.Qualifier);
        Assert.NotNull(view.NotEnforcedBanner);
        Assert.Equal("denied · not enforced by this CNI (flannel)", view.PodCell(0, 0).Text);
        Assert.Contains(view.Findings, f => f.Code == "cni-enforces-no-policy" && f.Area == Core.Findings.FindingArea.Policy);
    }

    [Fact]
    public async Task RefreshAsync_NewSnapshot_AppliesInBackground()
    {
        var model = new PoliciesPageModel(new PolicyEngineCache());
        var query = new ReachViewQuery { FromNamespace = "dev", ToNamespace = "dev" };
        model.Show(Snapshot(), query);
        Assert.Equal("denied", model.View.PodCell(0, 1).State);
        var noPolicy = ClusterSnapshot.Create(new SourceInfo("demo", "model"), PolicyFixture.Objects(withPolicy: false));
        Assert.True(await model.RefreshAsync(noPolicy));
        Assert.Equal("allowed", model.View.PodCell(0, 1).State);
        Assert.True(model.View.NoPolicies);
    }

    [Fact]
    public async Task RefreshAsync_TwoChanges_NewestWins()
    {
        var model = new PoliciesPageModel(new PolicyEngineCache());
        model.Show(Snapshot(), new ReachViewQuery());
        var older = model.RefreshAsync(ClusterSnapshot.Create(new SourceInfo("demo", "model"), PolicyFixture.Objects(withPolicy: false)));
        var newer = model.RefreshAsync(Snapshot(flannel: true));
        Assert.False(await older);
        Assert.True(await newer);
        Assert.False(model.View.NoPolicies);
        Assert.NotNull(model.View.NotEnforcedBanner);
    }

    [Fact]
    public async Task RunWhatIfAsync_DeletePolicy_AnswersAcrossEveryContainerPort()
    {
        var db = PolicyFixture.Pod("dev", "db", "10.244.1.9") with
        {
            Containers = [new ContainerInfo { Name = "db", Ports = [new ContainerPortInfo("pg", 5432)] }],
        };
        var model = new PoliciesPageModel(new PolicyEngineCache());
        model.Show(Snapshot(false, db), new ReachViewQuery { Probe = ReachProbe.Tcp(80) });
        var whatIf = await model.RunWhatIfAsync(null, "dev/deny-all-ingress");
        Assert.Empty(whatIf.Errors);
        Assert.StartsWith("18 cell(s) flip on 80/TCP, 5432/TCP.", whatIf.Summary);
        Assert.Contains(whatIf.Flipped, l => l.EndsWith("on 5432/TCP: denied → allowed", StringComparison.Ordinal));
        Assert.Null(whatIf.NothingFlippedBecause);
    }

    [Fact]
    public async Task RunWhatIfAsync_BadInput_ErrorsOnly()
    {
        var model = new PoliciesPageModel(new PolicyEngineCache());
        model.Show(Snapshot(), new ReachViewQuery());
        var whatIf = await model.RunWhatIfAsync("kind: NetworkPolicy\napiVersion: networking.k8s.io/v1\nmetadata: {name: x, namespace: dev}\nspec:\n  podSelector: [1]\n", "nope");
        Assert.Null(whatIf.Summary);
        Assert.Contains(whatIf.Errors, e => e.StartsWith("line ", StringComparison.Ordinal));
        Assert.Contains($"delete 'nope': {PolicyDeleteKey.Expected}", whatIf.Errors);
    }

    [Fact]
    public async Task RunWhatIfAsync_ManyFlips_ListCappedSummaryCountsAll_SecondRunSameAnswer()
    {
        var objects = new List<IClusterObject> { new NamespaceInfo { Name = "big" }, new NetworkPolicyInfo { Namespace = "big", Name = "deny-all-ingress", PolicyTypes = ["Ingress"] } };
        objects.AddRange(Enumerable.Range(0, 30).Select(i => PolicyFixture.Pod("big", $"p{i:D2}", $"10.244.0.{i + 2}")));
        var model = new PoliciesPageModel(new PolicyEngineCache());
        model.Show(ClusterSnapshot.Create(new SourceInfo("demo", "big"), objects), new ReachViewQuery());
        var first = await model.RunWhatIfAsync("", "big/deny-all-ingress");
        Assert.StartsWith($"{30 * 29} cell(s) flip on 80/TCP.", first.Summary);
        Assert.Equal(PoliciesPageModel.FlippedShown + 1, first.Flipped.Length);
        Assert.Equal($"… and {30 * 29 - PoliciesPageModel.FlippedShown} more", first.Flipped[^1]);
        var second = await model.RunWhatIfAsync("", "big/deny-all-ingress");
        Assert.Equal(first.Summary, second.Summary);
        Assert.Equal(first.Flipped.ToArray(), second.Flipped.ToArray());
    }
}
