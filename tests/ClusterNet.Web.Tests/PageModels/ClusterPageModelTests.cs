using ClusterNet.Core.Findings;
using ClusterNet.Core.Model;
using ClusterNet.Web.PageModels.Cluster;
using ClusterNet.Web.Tests.Infrastructure;

namespace ClusterNet.Web.Tests.PageModels;

public sealed class ClusterPageModelTests
{
    private static readonly ClusterSnapshot Sample = SampleCluster.Snapshot();

    [Theory]
    [InlineData(null, ClusterTab.Nodes)]
    [InlineData("pods", ClusterTab.Pods)]
    [InlineData("Services", ClusterTab.Services)]
    [InlineData("sync", ClusterTab.Sync)]
    [InlineData("2", ClusterTab.Nodes)]
    [InlineData("bogus", ClusterTab.Nodes)]
    public void FromUrl_Tab_ParsedOrDefault(string? tab, ClusterTab expected)
    {
        Assert.Equal(expected, ClusterPageQuery.FromUrl(tab, "", " ").Tab);
        Assert.Equal(new ClusterPageQuery(expected), ClusterPageQuery.FromUrl(tab, "", " "));
    }

    [Theory]
    [InlineData(ClusterTab.Nodes, null)]
    [InlineData(ClusterTab.Sync, "sync")]
    public void TabParameter_DefaultTabLeavesUrlShort(ClusterTab tab, string? expected) => Assert.Equal(expected, ClusterPageQuery.TabParameter(tab));

    [Fact]
    public void Build_Sample_SummaryCountsAndNodePods()
    {
        var view = ClusterPageModel.Build(Sample, new ClusterPageQuery());

        Assert.False(view.IsEmpty);
        Assert.Equal(new ClusterSummary(3, 3, 3, 3, 2, 3, 0), view.Summary);
        Assert.Equal([("master", 0), ("node01", 2), ("node02", 1)], view.Nodes.Select(n => (n.Node.Name, n.Pods)));
    }

    [Theory]
    [InlineData("prod", null, new[] { "prod/pod1", "prod/pod2" })]
    [InlineData(null, "10.244.1.0/24", new[] { "dev/pod1", "prod/pod2" })]
    [InlineData(null, "app=api", new[] { "prod/pod2" })]
    public void Build_Filters_PodsMatch(string? ns, string? text, string[] expected)
    {
        var view = ClusterPageModel.Build(Sample, ClusterPageQuery.FromUrl("pods", ns, text));

        Assert.Equal(expected, view.Pods.Select(p => $"{p.Namespace}/{p.Name}"));
    }

    [Fact]
    public void Build_LoadBalancerService_ColumnsWorded()
    {
        var view = ClusterPageModel.Build(Sample, ClusterPageQuery.FromUrl("services", "prod", null));

        var row = Assert.Single(view.Services);
        Assert.Equal(("80:30080/TCP", "192.168.50.10", "Local", "none"), (row.Ports, row.External, row.TrafficPolicy, row.Endpoints));
    }

    [Fact]
    public void Build_Diagnostics_BecomeInputFindings()
    {
        var snapshot = Sample with { Diagnostics = [new SourceDiagnostic("warning", "unknown field spec.foo", "dump.yaml", 2, Object: "Pod dev/pod1")] };

        var finding = Assert.Single(ClusterPageModel.Build(snapshot, new ClusterPageQuery()).InputProblems);

        Assert.Equal((FindingArea.Input, Severity.Warning, "input-warning", "Pod dev/pod1"), (finding.Area, finding.Severity, finding.Code, finding.Subject));
    }

    [Fact]
    public void Build_NoNodesNoPods_IsEmpty()
    {
        var view = ClusterPageModel.Build(SampleCluster.Snapshot([new NamespaceInfo { Name = "default" }]), new ClusterPageQuery());

        Assert.True(view.IsEmpty);
    }

    [Fact]
    public void Update_SameSnapshotAndQuery_ReusesView_NewSnapshotRecomputes()
    {
        var model = new ClusterPageModel();
        var first = model.Update(Sample, ClusterPageQuery.FromUrl("pods", null, null));

        Assert.Same(first, model.Update(Sample, ClusterPageQuery.FromUrl("pods", null, null)));
        Assert.NotSame(first, model.Update(Sample, ClusterPageQuery.FromUrl("pods", "dev", null)));
        Assert.NotSame(first, model.Update(Sample with { Version = 7 }, ClusterPageQuery.FromUrl("pods", "dev", null)));
    }

    [Fact]
    public void IsVisibleChange_OnlyWatchedKindsStatusesConnectionOrDiagnostics()
    {
        var next = Sample with { Version = Sample.Version + 1 };

        Assert.False(ClusterPageModel.IsVisibleChange(Sample, next, [ResourceKind.NetworkPolicies]));
        Assert.True(ClusterPageModel.IsVisibleChange(Sample, next, [ResourceKind.Pods]));
        Assert.True(ClusterPageModel.IsVisibleChange(Sample, next with { Connection = ConnectionState.Disconnected }, []));
        Assert.True(ClusterPageModel.IsVisibleChange(Sample, next with { Kinds = Sample.Kinds.SetItem(ResourceKind.Pods, KindStatus.Pending) }, []));
    }
}
