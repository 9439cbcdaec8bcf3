using ClusterNet.Core.Model;
using ClusterNet.Core.Topology;

namespace ClusterNet.Core.Tests.Topology;

public class TopologyDiffTests
{
    private static TopologyGraph Build(List<IClusterObject> objects, long version) =>
        TopologyBuilder.Build(TopologyFixtures.Snapshot(objects, version));

    [Fact]
    public void Compute_FromNothing_AddsEverything()
    {
        var g = TopologyFixtures.Demo();

        var d = TopologyDiff.Compute(null, g);

        Assert.Equal(g.Elements.Length, d.Added.Length);
        Assert.Equal(g.Edges.Length, d.AddedEdges.Length);
        Assert.Empty(d.Removed);
    }

    [Fact]
    public void Compute_PodAdded_AddsPodVethAndTheirEdges()
    {
        var before = TopologyFixtures.DemoObjects();
        var after = TopologyFixtures.DemoObjects();
        after.Add(TopologyFixtures.Pod("dev", "pod-new", "node02", "10.244.2.9"));

        var d = TopologyDiff.Compute(Build(before, 1), Build(after, 2));

        Assert.Equal((1L, 2L), (d.FromVersion, d.ToVersion));
        Assert.Equal(["pod/dev/pod-new", "veth/dev/pod-new"], d.Added.Select(e => e.Id));
        Assert.Equal(2, d.AddedEdges.Length);
        Assert.Empty(d.Removed);
        Assert.Empty(d.Changed);
        Assert.Empty(d.RemovedEdges);
    }

    [Fact]
    public void Compute_PodDeleted_RemovesPodVethAndEdges()
    {
        var before = TopologyFixtures.DemoObjects();
        var after = TopologyFixtures.DemoObjects();
        after.RemoveAll(o => o is PodInfo { Name: "pod-c" });

        var d = TopologyDiff.Compute(Build(before, 1), Build(after, 2));

        Assert.Equal(["pod/dev/pod-c", "veth/dev/pod-c"], d.Removed.OrderBy(x => x));
        Assert.Equal(2, d.RemovedEdges.Length);
        Assert.Empty(d.Added);
    }

    [Fact]
    public void Compute_PodNewIp_ChangesOnlyThatPod()
    {
        var before = TopologyFixtures.DemoObjects();
        var after = TopologyFixtures.DemoObjects();
        var i = after.FindIndex(o => o is PodInfo { Name: "pod-c" });
        after[i] = ((PodInfo)after[i]) with { PodIps = ["10.244.1.77"] };

        var d = TopologyDiff.Compute(Build(before, 1), Build(after, 2));

        var changed = Assert.Single(d.Changed);
        Assert.Equal("pod/dev/pod-c", changed.Id);
        Assert.Equal("10.244.1.77", changed.Data["ip"]);
        Assert.Equal(1, d.Count);
    }

    [Fact]
    public void Compute_LabelChange_IsAChange()
    {
        var before = TopologyFixtures.DemoObjects();
        var after = TopologyFixtures.DemoObjects();
        var i = after.FindIndex(o => o is PodInfo { Name: "pod-a" });
        after[i] = ((PodInfo)after[i]) with { Labels = LabelMap.Of(("app", "web"), ("tier", "front")) };

        var d = TopologyDiff.Compute(Build(before, 1), Build(after, 2));

        Assert.Equal("pod/dev/pod-a", Assert.Single(d.Changed).Id);
    }

    [Fact]
    public void Compute_BackendSwitchToVxlan_ReplacesDirectRoutesByTunnels()
    {
        var d = TopologyDiff.Compute(TopologyFixtures.Demo(), TopologyFixtures.Demo(directRouting: false));

        Assert.Equal(3, d.AddedEdges.Count(e => e.Kind == EdgeKind.TunnelLink));
        Assert.Equal(3, d.RemovedEdges.Count(id => id.StartsWith("direct-route:", StringComparison.Ordinal)));
    }
}
