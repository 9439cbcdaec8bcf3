using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using ClusterNet.Core.Queries;
using ClusterNet.Core.Topology.Overlay;
using ClusterNet.Web.Navigation;
using ClusterNet.Web.PageModels.Topology;
using ClusterNet.Web.Tests.Topology;
using ClusterNet.Web.Topology;
using Microsoft.Extensions.Options;

namespace ClusterNet.Web.Tests.PageModels;

/// <summary>The Topology page's model without a renderer: URL in, view out, caches keyed on what the answers depend on.</summary>
public class TopologyPageModelTests
{
    private readonly ClusterSnapshot _demo = TopologyTestData.DemoSnapshot();
    private readonly TopologyPageModel _model = new(new TopologyService(Options.Create(new TopologySettings())), new PolicyEngineCache());

    private static QueryInput Url(string query) =>
        QueryInput.Parameters(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query)
            .SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string?>(kv.Key, v))));

    private static ClusterSnapshot Next(ClusterSnapshot s, Func<ClusterSnapshot, ClusterSnapshot> change) => change(s) with { Version = s.Version + 1 };

    [Fact]
    public void Update_NoUrl_GraphFactsAndNothingElse()
    {
        var v = _model.Update(_demo, Url(""), null);

        Assert.Equal("CNI: flannel", v.Facts.Cni);
        Assert.Equal("policy: not enforced by this CNI (flannel)", v.Facts.Policy);
        Assert.Null(v.Walk);
        Assert.Empty(v.Path);
        Assert.Equal(OverlayQuery.Off, v.OverlayQuery);
        Assert.Null(v.OverlayMessage);
        Assert.Empty(v.IncompleteKinds);
        Assert.Equal($"topology-Demo-cluster-v{_demo.Version}", v.FileStem);
    }

    [Fact]
    public void Update_Walk_ComputedOncePerQueryAndSnapshot()
    {
        var url = Url("?from=dev%2Fpod1&to=prod%2Fpod1");

        var first = _model.Update(_demo, url, null);
        var again = _model.Update(_demo, url, TopologyRef.Of("pod/dev/pod1"));
        var next = _model.Update(Next(_demo, s => s), url, null);

        Assert.Null(first.Walk!.Error);
        Assert.Same(first.Walk, again.Walk);
        Assert.NotSame(first.Walk, next.Walk);
        Assert.Equal(2, _model.WalksComputed);
        Assert.Contains("pod/dev/pod1", first.Path);
        Assert.Equal(new WalkForm("dev/pod1", "prod/pod1", 80, "TCP"), first.WalkForm);
    }

    [Fact]
    public void Update_WalkWithOneEnd_NoWalkButTheFormKeepsIt()
    {
        var v = _model.Update(_demo, Url("?from=dev%2Fpod1"), null);

        Assert.Null(v.Walk);
        Assert.Equal("dev/pod1", v.WalkForm.From);
    }

    [Fact]
    public void Update_FromChangesWithoutTo_FocusesTheToFieldOnce()
    {
        Assert.False(_model.Update(_demo, Url(""), null).FocusWalkTo);

        Assert.True(_model.Update(_demo, Url("?from=dev%2Fpod1"), null).FocusWalkTo);
        Assert.False(_model.Update(_demo, Url("?from=dev%2Fpod1"), null).FocusWalkTo);
        Assert.False(_model.Update(_demo, Url("?from=dev%2Fpod2&to=prod%2Fpod1"), null).FocusWalkTo);
    }

    [Fact]
    public void Update_OpenedWithFromOnly_FocusesTheToField()
    {
        Assert.True(_model.Update(_demo, Url("?from=dev%2Fpod1"), null).FocusWalkTo);
    }

    [Fact]
    public void Update_OverlayOnSelectedPod_ReusedUntilPodsNamespacesOrPoliciesChange()
    {
        var url = Url("?overlay=to&oport=22");
        var selected = TopologyRef.Of("pod/dev/pod1");

        var first = _model.Update(_demo, url, selected);
        var servicesOnly = Next(_demo, s => s with { Services = new KindCollection<ServiceInfo>(s.Services.ByKey.Remove(s.Services[0].Key)) });
        var second = _model.Update(servicesOnly, url, selected);
        var policies = Next(servicesOnly, s => s with { NetworkPolicies = new KindCollection<NetworkPolicyInfo>(s.NetworkPolicies.ByKey.Remove(new ObjectKey("dev", "deny-all-ingress"))) });
        var third = _model.Update(policies, url, selected);

        Assert.Equal(new ObjectKey("dev", "pod1"), first.SelectedPod);
        Assert.Same(first.Overlay, second.Overlay);
        Assert.NotSame(second.Overlay, third.Overlay);
        Assert.Equal(2, _model.OverlaysComputed);
        Assert.Equal(OverlayState.Origin, first.OverlayStates!["pod/dev/pod1"]);
    }

    [Theory]
    [InlineData("?overlay=from", "Click a pod on the graph (or type one) to colour the pods it can reach.")]
    [InlineData("?overlay=from&opod=nope", "'nope' is not a pod: write namespace/name.")]
    [InlineData("?overlay=from&opod=dev%2Fghost", "No pod dev/ghost in the cluster (v")]
    [InlineData("?overlay=to&oport=0&opod=dev%2Fpod1", "Port 0 is out of range: enter 1-65535.")]
    public void Update_OverlayWithoutAPod_SaysWhy(string query, string message)
    {
        var v = _model.Update(_demo, Url(query), null);

        Assert.Null(v.Overlay);
        Assert.StartsWith(message, v.OverlayMessage);
    }

    [Fact]
    public void OverlayParameters_TurningOn_PinsTheSelectedPod()
    {
        _model.Update(_demo, Url(""), TopologyRef.Of("pod/prod/pod1"));

        var url = _model.OverlayParameters(new OverlayQuery(OverlayDirection.From, 80, "TCP", null));

        Assert.Contains(("opod", "prod/pod1"), url);
        Assert.Contains(("overlay", "from"), url);
    }

    [Fact]
    public void Update_FilterInUrl_IsTheQuerysFilter()
    {
        var v = _model.Update(_demo, Url("?ns=dev&q=10.244"), null);

        Assert.Equal("dev", v.Query.Filter!.Namespace);
        Assert.Equal("10.244", v.Query.Filter.Text);
    }

    [Theory]
    [InlineData("pods", "dev/pod1", "pod/dev/pod1")]
    [InlineData("services", "dev/myapp", "svc/dev/myapp")]
    [InlineData("nodes", "node01", "node/node01")]
    [InlineData("namespaces", "dev", null)]
    public void ElementIdOf_SearchHits_MapToGraphElements(string kind, string key, string? id) =>
        Assert.Equal(id, TopologyPageModel.ElementIdOf(new ObjectRef(kind, ObjectKey.Parse(key))));

    [Fact]
    public void AsGraphSelection_PodOnTheGraph_BecomesTheTopologySelection()
    {
        var graph = new TopologyService(Options.Create(new TopologySettings())).Get(_demo);

        Assert.Equal(TopologyRef.Of("pod/dev/pod1"), TopologyPageModel.AsGraphSelection(ObjectRef.Pod("dev", "pod1"), graph));
        Assert.Null(TopologyPageModel.AsGraphSelection(ObjectRef.Pod("dev", "ghost"), graph));
        Assert.Null(TopologyPageModel.AsGraphSelection(TopologyRef.Of("pod/dev/pod1"), graph));
    }

    [Fact]
    public void Update_ForbiddenPodsAndOptionalIpPools_OnlyPodsAreMissing()
    {
        var s = _demo with
        {
            Kinds = _demo.Kinds.SetItem(ResourceKind.Pods, new KindStatus(KindState.Forbidden, 0))
                .SetItem(ResourceKind.IpPools, new KindStatus(KindState.NotServed, 0)),
        };

        Assert.Equal([ResourceKind.Pods], _model.Update(s, Url(""), null).IncompleteKinds.ToArray());
    }

    [Fact]
    public async Task UpdateAsync_NewerRequestWhileWaiting_OnlyTheNewestAnswers()
    {
        var older = Next(_demo, s => s);
        var newer = Next(older, s => s);

        var first = _model.UpdateAsync(older, Url(""), null);
        var second = _model.UpdateAsync(newer, Url(""), null);
        var results = await Task.WhenAll(first, second);

        Assert.Equal(newer.Version, results[1]!.Version);
        Assert.True(results[0] is null || results[0]!.Version == older.Version);
        Assert.Equal(newer.Version, _model.View!.Version);
    }
}
