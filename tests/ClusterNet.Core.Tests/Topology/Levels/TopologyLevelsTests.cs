using System.Collections.Immutable;
using System.Globalization;
using ClusterNet.Core.Model;
using ClusterNet.Core.Topology;
using ClusterNet.Core.Topology.Levels;
using static ClusterNet.Core.Tests.Topology.TopologyFixtures;

namespace ClusterNet.Core.Tests.Topology.Levels;

public sealed class TopologyLevelsTests
{
    /// <summary>20 nodes on two /24 subnets, 400 pods in 5 namespaces and 7 workloads, 1 in 50 not ready, 30 Services.</summary>
    private static readonly Lazy<TopologyGraph> Large = new(() => TopologyBuilder.Build(Snapshot(LargeObjects())));

    private static List<IClusterObject> LargeObjects(int nodes = 20, int pods = 400, int services = 30)
    {
        var objects = new List<IClusterObject>
        {
            ConfigMap("kube-system", "kube-flannel-cfg", "net-conf.json", NetConf()),
            KubeProxy("ipvs"),
        };
        for (var n = 0; n < nodes; n++)
        {
            objects.Add(FlannelNode(NodeName(n), string.Create(CultureInfo.InvariantCulture, $"172.16.{100 + n / 10}.{10 + n % 10}"),
                string.Create(CultureInfo.InvariantCulture, $"10.244.{n}.0/24"), string.Create(CultureInfo.InvariantCulture, $"4e:1f:6b:00:00:{n:x2}")));
        }

        for (var p = 0; p < pods; p++)
        {
            var n = p % nodes;
            objects.Add(Pod(string.Create(CultureInfo.InvariantCulture, $"ns{p % 5}"), string.Create(CultureInfo.InvariantCulture, $"app{p % 7}-abc12-{p}"), NodeName(n),
                string.Create(CultureInfo.InvariantCulture, $"10.244.{n}.{2 + p / nodes}"), false, ("app", string.Create(CultureInfo.InvariantCulture, $"app{p % 7}"))) with
            {
                Owner = new OwnerRef("ReplicaSet", string.Create(CultureInfo.InvariantCulture, $"app{p % 7}-abc12")),
                Ready = p % 50 != 0,
            });
        }

        for (var s = 0; s < services; s++)
        {
            var ns = string.Create(CultureInfo.InvariantCulture, $"ns{s % 5}");
            var name = string.Create(CultureInfo.InvariantCulture, $"svc{s}");
            // Service s selects the pods of workload s % 7 in its namespace; the endpoint set names them.
            var members = Enumerable.Range(0, pods).Where(p => p % 5 == s % 5 && p % 7 == s % 7).ToList();
            objects.Add(new ServiceInfo { Namespace = ns, Name = name, ClusterIps = [string.Create(CultureInfo.InvariantCulture, $"10.96.1.{s + 1}")], Ports = [new ServicePortInfo("http", 80, "TCP", "8080")] });
            objects.Add(new EndpointSetInfo
            {
                Namespace = ns, Name = name + "-x", ServiceName = name,
                Addresses = [.. members.Select(p => new EndpointAddressInfo(string.Create(CultureInfo.InvariantCulture, $"10.244.{p % nodes}.{2 + p / nodes}"), NodeName(p % nodes), true, "Pod", ns,
                    string.Create(CultureInfo.InvariantCulture, $"app{p % 7}-abc12-{p}")))],
                Ports = [new EndpointPortInfo("http", 8080)],
            });
        }

        return objects;
    }

    private static string NodeName(int n) => string.Create(CultureInfo.InvariantCulture, $"node{n}");

    private static void AssertConsistent(LevelView view)
    {
        var drawn = view.Drawn.ElementsById;
        Assert.Equal(view.Drawn.Elements.Length, drawn.Count);
        foreach (var e in view.Drawn.Elements)
        {
            Assert.True(e.Parent is null || drawn.ContainsKey(e.Parent), $"{e.Id}: parent {e.Parent} is not drawn");
        }

        foreach (var e in view.Drawn.Edges)
        {
            Assert.True(drawn.ContainsKey(e.Source) && drawn.ContainsKey(e.Target), $"edge {e.Id} has an end that is not drawn");
        }

        foreach (var (id, into) in view.FoldedInto)
        {
            Assert.False(drawn.ContainsKey(id), $"{id} is folded and drawn");
            Assert.True(drawn.ContainsKey(into), $"{id} folds into {into}, which is not drawn");
        }
    }

    [Fact]
    public void Compute_DemoAuto_DrawsEverything()
    {
        var graph = Demo();

        var view = TopologyLevels.Compute(graph, LevelQuery.Auto);

        Assert.Equal(GraphLevel.Pods, view.Level);
        Assert.Same(graph, view.Drawn);
        Assert.Empty(view.FoldedInto);
    }

    [Fact]
    public void Compute_LargeAuto_ClusterLevelWithCountedNodesInSubnets()
    {
        var view = TopologyLevels.Compute(Large.Value, LevelQuery.Auto);

        Assert.Equal(GraphLevel.Cluster, view.Level);
        AssertConsistent(view);
        var drawn = view.Drawn.ElementsById;
        Assert.DoesNotContain(view.Drawn.Elements, e => e.Kind is ElementKind.Pod or ElementKind.Veth or ElementKind.Bridge);
        var zones = view.Drawn.Elements.Where(e => e.Kind == LevelKind.Zone).ToList();
        Assert.Equal(["zone/172.16.100.0/24", "zone/172.16.101.0/24"], zones.Select(z => z.Id).Order(StringComparer.Ordinal));
        Assert.StartsWith("subnet 172.16.100.0/24", zones[0].Label, StringComparison.Ordinal);
        var node0 = drawn["node/node0"];
        Assert.Equal("zone/172.16.100.0/24", node0.Parent);
        Assert.Equal("20", node0.Data["pods"]);
        // Pods 0, 100, 200, 300 are not ready (p % 50 == 0) and sit on node0 (p % 20 == 0): with 50 and 150... on node10.
        Assert.Equal("4", node0.Data["notReady"]);
        Assert.Equal("node0\n20 pods · 4 not ready", node0.Label);
        Assert.Equal("node/node0", view.FoldedInto["pod/ns0/app0-abc12-0"]);
        Assert.Equal("node/node3", view.FoldedInto["dev/node3/nic"]);
        // 30 Services exceed the fold threshold: one counted box, no fan of edges from it.
        Assert.Equal("service\n30 services", drawn["group/service"].Label);
        Assert.DoesNotContain(view.Drawn.Edges, e => e.Source == "group/service" || e.Target == "group/service");
        // 20 nodes: no node-to-node mesh, links between the two subnets instead.
        Assert.DoesNotContain(view.Drawn.Edges, e => e.Source.StartsWith("node/", StringComparison.Ordinal) && e.Target.StartsWith("node/", StringComparison.Ordinal));
        Assert.Contains(view.Drawn.Edges, e => e.Source.StartsWith("zone/", StringComparison.Ordinal) && e.Target.StartsWith("zone/", StringComparison.Ordinal));
    }

    [Fact]
    public void Compute_ClusterLevel_GroupsByZoneLabelAndCountsWarnings()
    {
        var objects = LargeObjects(nodes: 4, pods: 8, services: 0);
        for (var i = 0; i < objects.Count; i++)
        {
            if (objects[i] is NodeInfo node)
            {
                objects[i] = node with { Labels = node.Labels.SetItem(TopologyLevels.ZoneLabel, node.Name is "node0" or "node1" ? "eu-1a" : "eu-1b") };
            }
        }

        var graph = TopologyBuilder.Build(Snapshot(objects));
        var warned = graph.Elements.First(e => e.Kind == ElementKind.Pod && e.Node == "node2");
        graph = graph with
        {
            Warnings = [new Findings.Finding { Area = Findings.FindingArea.Topology, Code = "x", Severity = Findings.Severity.Warning, Subject = "s", Message = "m", ElementId = warned.Id }],
        };

        var view = TopologyLevels.Compute(graph, new LevelQuery(GraphLevel.Cluster, null, null));

        AssertConsistent(view);
        Assert.Equal("zone/eu-1a", view.Drawn.Element("node/node1")!.Parent);
        Assert.Equal("zone/eu-1b", view.Drawn.Element("node/node2")!.Parent);
        Assert.Equal("1", view.Drawn.Element("node/node2")!.Data["warnings"]);
        Assert.EndsWith("⚠ 1", view.Drawn.Element("node/node2")!.Label, StringComparison.Ordinal);
        Assert.StartsWith("zone eu-1a · 2 nodes · ", view.Drawn.Element("zone/eu-1a")!.Label, StringComparison.Ordinal);
        // 4 nodes: few enough to draw the links between them.
        Assert.Contains(view.Drawn.Edges, e => e.Source.StartsWith("node/", StringComparison.Ordinal) && e.Target.StartsWith("node/", StringComparison.Ordinal));
    }

    [Fact]
    public void Compute_NodeLevel_DevicesDrawnPodsFoldedByNamespaceAndWorkload()
    {
        var view = TopologyLevels.Compute(Large.Value, new LevelQuery(GraphLevel.Node, "node0", null), LevelOptions.Default with { FoldPodsAbove = 10 });

        Assert.Equal(GraphLevel.Node, view.Level);
        Assert.Equal("node0", view.Node);
        AssertConsistent(view);
        var drawn = view.Drawn.ElementsById;
        Assert.Contains("dev/node0/nic", drawn.Keys);
        Assert.Contains("dev/node0/bridge", drawn.Keys);
        // node0 holds pods 0, 20, 40...: namespace p % 5 = 0, workload p % 7.
        var groups = view.Drawn.Elements.Where(e => e.Kind == LevelKind.Group && e.Parent == "node/node0").ToList();
        Assert.NotEmpty(groups);
        Assert.All(groups, g => Assert.StartsWith("group/node0/pods/ns0/app", g.Id, StringComparison.Ordinal));
        Assert.Equal(20, groups.Sum(g => int.Parse(g.Data["count"], CultureInfo.InvariantCulture)) + view.Drawn.Elements.Count(e => e.Kind == ElementKind.Pod && e.Node == "node0"));
        Assert.Equal("group/node0/pods/ns0/app0", view.FoldedInto["pod/ns0/app0-abc12-0"]);
        Assert.Equal("group/node0/pods/ns0/app0", view.FoldedInto["veth/ns0/app0-abc12-0"]);
        Assert.StartsWith("ns0/app0\n", drawn["group/node0/pods/ns0/app0"].Label, StringComparison.Ordinal);
        Assert.Contains("not ready", drawn["group/node0/pods/ns0/app0"].Label, StringComparison.Ordinal);
        // The other 19 nodes stay as counted boxes.
        Assert.Equal("true", drawn["node/node5"].Data["collapsed"]);
        Assert.DoesNotContain(view.Drawn.Elements, e => e.Node == "node5" && e.Kind != ElementKind.Node);
    }

    [Fact]
    public void Compute_PodsLevelWithNode_EveryPodOfThatNode()
    {
        var view = TopologyLevels.Compute(Large.Value, new LevelQuery(GraphLevel.Pods, "node0", null), LevelOptions.Default with { FoldPodsAbove = 10 });

        AssertConsistent(view);
        Assert.Equal(20, view.Drawn.Elements.Count(e => e.Kind == ElementKind.Pod && e.Node == "node0"));
        Assert.Equal(0, view.Drawn.Elements.Count(e => e.Kind == ElementKind.Pod && e.Node != "node0"));
    }

    [Fact]
    public void Compute_Focus_PodWithServicesEndpointsPeersAndPathRestFolded()
    {
        var graph = Large.Value;
        // Pod 7: ns2, workload app0, node7; Service svc7 (ns2, app0) selects it with pods 7, 77, 147, ...
        var focus = new ObjectKey("ns2", "app0-abc12-7");
        var peer = "pod/ns4/app3-abc12-94";
        var path = ImmutableArray.Create("pod/ns2/app0-abc12-7", "veth/ns2/app0-abc12-7", "dev/node7/bridge", "dev/node7/tunnel", "dev/node14/tunnel", "dev/node14/bridge");

        var view = TopologyLevels.Compute(graph, new LevelQuery(GraphLevel.Auto, null, focus), LevelOptions.Default with { FoldPodsAbove = 10 },
            new FocusContext([peer], path));

        Assert.Equal(GraphLevel.Node, view.Level);
        Assert.Equal("node7", view.Node);
        Assert.Equal("pod/ns2/app0-abc12-7", view.FocusId);
        AssertConsistent(view);
        var drawn = view.Drawn.ElementsById;
        Assert.Contains("veth/ns2/app0-abc12-7", drawn.Keys);
        Assert.Contains("svc/ns2/svc7", drawn.Keys);
        Assert.Contains("pod/ns2/app0-abc12-77", drawn.Keys);
        Assert.Contains(view.Drawn.Edges, e => e.Kind == EdgeKind.Endpoint && e.Source == "svc/ns2/svc7" && e.Target == "pod/ns2/app0-abc12-77");
        Assert.Contains(peer, drawn.Keys);
        Assert.All(path, id => Assert.Contains(id, drawn.Keys));
        // node14 is on the path: its box is open with the path's devices, its other devices and pods folded.
        Assert.Equal("group/node14/devices", view.FoldedInto["dev/node14/nic"]);
        Assert.Equal("group/node14/pods", view.FoldedInto["pod/ns4/app0-abc12-14"]);
        // Unrelated Services fold (more than the threshold are left).
        Assert.Equal("group/service", view.FoldedInto["svc/ns0/svc0"]);
        Assert.Equal("svc/ns2/svc7", view.Shown("svc/ns2/svc7"));
    }

    [Fact]
    public void Compute_NewKinds_FoldWithTheirPodNodeOrKind()
    {
        var graph = Large.Value;
        var pod = graph.Element("pod/ns0/app0-abc12-0")!;
        graph = graph with
        {
            Elements = graph.Elements
                .Add(new TopologyElement { Id = "if/ns0/app0-abc12-0/net1", Kind = "netif", Label = "net1", Parent = pod.Id, Node = "node0", Namespace = "ns0" })
                .Add(new TopologyElement { Id = "dev/node0/macvlan", Kind = "secondary", Label = "macvlan0", Parent = "node/node0", Node = "node0" })
                .AddRange(Enumerable.Range(0, 30).Select(i => new TopologyElement { Id = $"gwvip/{i}", Kind = "gateway-vip", Label = $"vip {i}" })),
        };

        var cluster = TopologyLevels.Compute(graph, LevelQuery.Auto);
        var node = TopologyLevels.Compute(graph, new LevelQuery(GraphLevel.Node, "node0", null), LevelOptions.Default with { FoldPodsAbove = 10 });
        var pods = TopologyLevels.Compute(graph, new LevelQuery(GraphLevel.Pods, "node0", null));

        AssertConsistent(cluster);
        AssertConsistent(node);
        AssertConsistent(pods);
        Assert.Equal("node/node0", cluster.FoldedInto["if/ns0/app0-abc12-0/net1"]);
        Assert.Equal("group/gateway-vip", cluster.FoldedInto["gwvip/3"]);
        Assert.Equal("dev/node0/macvlan", node.Shown("dev/node0/macvlan"));
        Assert.Equal("group/node0/pods/ns0/app0", node.FoldedInto["if/ns0/app0-abc12-0/net1"]);
        Assert.Equal("if/ns0/app0-abc12-0/net1", pods.Shown("if/ns0/app0-abc12-0/net1"));
    }

    [Theory]
    [InlineData("node/node3", GraphLevel.Node, "node3", null)]
    [InlineData("group/node3/pods", GraphLevel.Node, "node3", null)]
    [InlineData("group/node3/devices", GraphLevel.Node, "node3", null)]
    [InlineData("pod/ns2/app0-abc12-7", GraphLevel.Node, "node7", "ns2/app0-abc12-7")]
    [InlineData("veth/ns2/app0-abc12-7", GraphLevel.Node, "node7", "ns2/app0-abc12-7")]
    [InlineData("dev/node4/nic", GraphLevel.Node, "node4", null)]
    [InlineData("zone/172.16.100.0/24", GraphLevel.Cluster, null, null)]
    public void Open_Element_LevelItOpens(string id, GraphLevel level, string? node, string? focus)
    {
        var opened = TopologyLevels.Open(Large.Value, new LevelQuery(GraphLevel.Cluster, null, null), id);

        Assert.Equal(new LevelQuery(level, node, focus is null ? null : ObjectKey.Parse(focus)), opened);
    }

    [Fact]
    public void Open_CountedBoxOfTheOpenNode_ThatNodeWithThatGroup()
    {
        var opened = TopologyLevels.Open(Large.Value, new LevelQuery(GraphLevel.Node, "node3", null), "group/node3/pods/ns3/app1");

        Assert.Equal(new LevelQuery(GraphLevel.Node, "node3", null, new ObjectKey("ns3", "app1")), opened);
    }

    [Fact]
    public void Open_PodOfTheOpenGroup_FocusKeepsTheGroup()
    {
        var current = new LevelQuery(GraphLevel.Node, "node7", null, new ObjectKey("ns2", "app0"));

        var opened = TopologyLevels.Open(Large.Value, current, "pod/ns2/app0-abc12-7");

        Assert.Equal(current with { Focus = new ObjectKey("ns2", "app0-abc12-7") }, opened);
    }

    [Fact]
    public void Compute_NodeLevelWithGroup_OnlyThatGroupsPodsDrawnOthersStayCounted()
    {
        var options = LevelOptions.Default with { FoldPodsAbove = 10 };
        var folded = TopologyLevels.Compute(Large.Value, new LevelQuery(GraphLevel.Node, "node0", null), options);
        var group = folded.Drawn.Elements.First(e => e.Kind == LevelKind.Group && e.Id.StartsWith("group/node0/pods/ns0/", StringComparison.Ordinal));
        var workload = group.Id.Split('/')[^1];
        var count = int.Parse(group.Data["count"], CultureInfo.InvariantCulture);

        var view = TopologyLevels.Compute(Large.Value, new LevelQuery(GraphLevel.Node, "node0", null, new ObjectKey("ns0", workload)), options);

        AssertConsistent(view);
        Assert.Equal(new ObjectKey("ns0", workload), view.Group);
        Assert.EndsWith($"|ns0/{workload}", view.Key, StringComparison.Ordinal);
        var pods = view.Drawn.Elements.Where(e => e.Kind == ElementKind.Pod && e.Node == "node0").ToList();
        Assert.Equal(count, pods.Count);
        Assert.All(pods, p => Assert.StartsWith(workload + "-", p.Label, StringComparison.Ordinal));
        Assert.All(pods, p => Assert.NotNull(view.Drawn.Element("veth/" + p.Id[4..])));
        Assert.Null(view.Drawn.Element(group.Id));
        // The node's other counted boxes are the same as without the group.
        var others = folded.Drawn.Elements.Where(e => e.Kind == LevelKind.Group && e.Parent == "node/node0" && e.Id != group.Id).Select(e => e.Id).ToList();
        Assert.NotEmpty(others);
        Assert.All(others, id => Assert.NotNull(view.Drawn.Element(id)));
    }

    [Fact]
    public void Compute_EveryLevel_DeterministicForTheSameGraph()
    {
        var a = TopologyLevels.Compute(Large.Value, new LevelQuery(GraphLevel.Node, "node2", null));
        var b = TopologyLevels.Compute(Large.Value, new LevelQuery(GraphLevel.Node, "node2", null));

        Assert.True(a.Drawn.Elements.SequenceEqual(b.Drawn.Elements));
        Assert.True(a.Drawn.Edges.SequenceEqual(b.Drawn.Edges));
        Assert.True(TopologyDiff.Compute(a.Drawn, b.Drawn).IsEmpty);
    }
}
