using BenchmarkDotNet.Attributes;
using ClusterNet.Core.Model;
using ClusterNet.Core.Topology;

namespace ClusterNet.Bench.Topology;

/// <summary>Issue #3 target: TopologyBuilder on 500 nodes / 10k pods under 200 ms. Also routes, diff and a packet walk at that size.</summary>
[MemoryDiagnoser]
public class TopologyBuilderBenchmarks
{
    private ClusterSnapshot _snapshot = null!;
    private ClusterSnapshot _changed = null!;
    private TopologyGraph _graph = null!;
    private TopologyGraph _changedGraph = null!;

    [Params(500)]
    public int Nodes { get; set; }

    [Params(10_000)]
    public int Pods { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _snapshot = TopologyScale.Generate(Nodes, Pods);
        _changed = TopologyScale.Generate(Nodes, Pods, version: 2, changedPods: 100);
        _graph = TopologyBuilder.Build(_snapshot);
        _changedGraph = TopologyBuilder.Build(_changed);
    }

    [Benchmark(Description = "Build 500 nodes / 10k pods")]
    public TopologyGraph Build() => TopologyBuilder.Build(_snapshot);

    [Benchmark(Description = "Routes + links of one node")]
    public NodeRouteTable? Routes() => RoutePredictor.Predict(_graph, "node0123");

    [Benchmark(Description = "Diff after 100 pods changed")]
    public TopologyDelta Diff() => TopologyDiff.Compute(_graph, _changedGraph);

    [Benchmark(Description = "Packet walk pod → Service, cross node")]
    public PacketWalkResult Walk() => PacketWalker.Walk(_graph, new PacketWalkQuery { From = "ns00/pod00000", To = "svc/ns10/svc0001", Port = 80 });
}
