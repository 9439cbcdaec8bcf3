using ClusterNet.Core.Model;
using ClusterNet.Core.Topology;
using ClusterNet.Kubernetes.Demo;

namespace ClusterNet.Web.Tests.Topology;

/// <summary>The demo cluster's snapshot and topology, as the page would build them.</summary>
internal static class TopologyTestData
{
    public static ClusterSnapshot DemoSnapshot() => DemoClusterSource.LoadManifest().ToSnapshot(new SourceInfo("demo", "Demo cluster"));

    public static TopologyGraph DemoGraph() => TopologyBuilder.Build(DemoSnapshot());

    /// <summary>dev/pod1 on node01 → prod/pod1 on node02: cross-node, DirectRouting on the demo (one inferred /24).</summary>
    public static PacketWalkResult Walk(string from = "dev/pod1", string to = "prod/pod1", TopologyOptions? options = null) =>
        PacketWalker.Walk(TopologyBuilder.Build(DemoSnapshot(), options), new PacketWalkQuery { From = from, To = to, Port = 80 });
}
