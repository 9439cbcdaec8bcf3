using ClusterNet.E2E.Infrastructure;

namespace ClusterNet.E2E.Topology;

/// <summary>The still demo with every node's pods folded into one box (AggregateAbove=1).</summary>
public sealed class TopologyFoldedDemoFixture : ClusterNetAppFixture
{
    protected override IEnumerable<string> Arguments =>
    [
        "--urls", "http://127.0.0.1:0",
        "--environment", "Production",
        "--Cluster:Source=demo",
        "--Cluster:DemoChangeIntervalSeconds=3600",
        "--Topology:AggregateAbove=1",
    ];
}
