using System.Collections.Immutable;
using System.Globalization;
using ClusterNet.Core.Findings;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Topology.Levels;

/// <summary>
/// The level and fold decisions of the Topology page, as a pure function of the graph: which elements are drawn one by
/// one and which are folded into counted boxes. Generic over element kinds: anything inside a pod folds with the pod,
/// anything else inside a node box is one of the node's devices, anything top-level folds per kind, so kinds added later
/// (gateway VIPs, secondary interfaces) fold sensibly without being named here.
/// </summary>
public static class TopologyLevels
{
    /// <summary>The well-known node label the cluster level groups nodes by (subnet otherwise).</summary>
    public const string ZoneLabel = "topology.kubernetes.io/zone";

    public static LevelView Compute(TopologyGraph graph, LevelQuery query, LevelOptions? options = null, FocusContext? focus = null)
    {
        options ??= LevelOptions.Default;
        focus ??= FocusContext.None;
        var byId = graph.ElementsById;
        var focusId = query.Focus is { } f && byId.TryGetValue(ElementIds.Pod(f.Namespace, f.Name), out var fe) ? fe.Id : null;
        var node = query.Node is { } n && byId.ContainsKey(ElementIds.Node(n)) ? n : null;
        if (focusId is not null && node is null)
        {
            node = byId[focusId].Node;
        }

        var level = Resolve(graph, query.Level, node, focusId, options);
        if (level == GraphLevel.Pods && node is null)
        {
            return new LevelView { Level = level, Drawn = graph, FoldedInto = ImmutableDictionary<string, string>.Empty };
        }

        var folder = new Folder(graph, options);
        return level == GraphLevel.Cluster
            ? folder.Cluster()
            : folder.Node(level, node!, focusId, focus, level == GraphLevel.Node ? query.Group : null);
    }

    /// <summary>The level a double-click (or Enter) on <paramref name="elementId"/> opens; the current query when none.</summary>
    public static LevelQuery Open(TopologyGraph graph, LevelQuery current, string elementId)
    {
        if (elementId.StartsWith(ElementIds.Node(""), StringComparison.Ordinal) && graph.Element(elementId) is { Kind: ElementKind.Node } nodeElement)
        {
            return new LevelQuery(GraphLevel.Node, nodeElement.Label, null);
        }

        if (elementId.StartsWith(GroupPrefix, StringComparison.Ordinal))
        {
            // A node's counted box of one workload ("group/node0/pods/ns/app"): that node with only that box's pods drawn.
            // Another node's folded pods or devices ("group/node3/pods", "group/node3/devices"): that node's level.
            var parts = elementId[GroupPrefix.Length..].Split('/');
            if (parts.Length < 2 || !graph.Nodes.ContainsKey(parts[0]))
            {
                return current;
            }

            return parts is [var nodeName, "pods", var ns, var workload]
                ? new LevelQuery(GraphLevel.Node, nodeName, null, new ObjectKey(ns, workload))
                : new LevelQuery(GraphLevel.Node, parts[0], null);
        }

        if (graph.Element(elementId) is not { } e)
        {
            return current;
        }

        if (PodIdOf(graph, e) is { } podId && ElementIds.PodOf(podId) is { } pod)
        {
            // A pod of the open group keeps the group open around it.
            var podNode = graph.Element(podId)?.Node;
            return new LevelQuery(current.Level == GraphLevel.Pods ? GraphLevel.Pods : GraphLevel.Node, podNode, pod, podNode == current.Node ? current.Group : null);
        }

        return e.Node is { } onNode ? new LevelQuery(GraphLevel.Node, onNode, null) : current;
    }

    private static GraphLevel Resolve(TopologyGraph graph, GraphLevel asked, string? node, string? focusId, LevelOptions options)
    {
        switch (asked)
        {
            case GraphLevel.Pods:
                return GraphLevel.Pods;
            case GraphLevel.Cluster:
                return focusId is null ? GraphLevel.Cluster : GraphLevel.Node;
            case GraphLevel.Node:
                return node is null ? GraphLevel.Cluster : GraphLevel.Node;
        }

        var pods = graph.Elements.Count(e => IsPod(e.Kind));
        if (pods <= options.ClusterLevelAbovePods)
        {
            return GraphLevel.Pods;
        }

        return node is not null ? GraphLevel.Node : GraphLevel.Cluster;
    }

    internal const string GroupPrefix = "group/";

    private static bool IsPod(string kind) => kind is ElementKind.Pod or ElementKind.HostNetworkPod;

    /// <summary>The pod an element belongs to: itself, its veth's pod, or a pod among its ancestors.</summary>
    private static string? PodIdOf(TopologyGraph graph, TopologyElement e)
    {
        if (e.Kind == ElementKind.Veth)
        {
            var podId = "pod/" + e.Id[5..];
            return graph.Element(podId) is not null ? podId : null;
        }

        for (var cur = e; cur is not null; cur = cur.Parent is { } p ? graph.Element(p) : null)
        {
            if (IsPod(cur.Kind))
            {
                return cur.Id;
            }
        }

        return null;
    }

    private sealed class Folder(TopologyGraph graph, LevelOptions options)
    {
        private readonly ImmutableDictionary<string, TopologyElement> _byId = graph.ElementsById;
        private readonly Dictionary<string, string?> _nodeOf = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string?> _podOf = new(StringComparer.Ordinal);

        // Element id → the element drawn for it (itself when kept).
        private readonly Dictionary<string, string> _rep = new(StringComparer.Ordinal);
        private readonly Dictionary<string, GroupBuilder> _groups = new(StringComparer.Ordinal);
        private readonly List<TopologyElement> _drawn = [];

        public LevelView Cluster()
        {
            var nodes = graph.Elements.Where(e => e.Kind == ElementKind.Node).ToList();
            var stats = NodeStats();
            var zones = new Dictionary<string, TopologyElement>(StringComparer.Ordinal);
            var zoneOfNode = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var node in nodes)
            {
                if (ZoneOf(node) is { } zone)
                {
                    zoneOfNode[node.Id] = zone.Id;
                    zones.TryAdd(zone.Id, zone);
                }
            }

            foreach (var zone in zones.Values.OrderBy(z => z.Label, NaturalStringComparer.Instance))
            {
                var members = zoneOfNode.Where(kv => kv.Value == zone.Id).Select(kv => stats.GetValueOrDefault(kv.Key)).ToList();
                _drawn.Add(zone with
                {
                    Label = $"{zone.Label} · {Count(members.Count, "node")} · {Count(members.Sum(m => m.Pods), "pod")}",
                    Data = AttributeMap.Of(("nodes", Num(members.Count)), ("pods", Num(members.Sum(m => m.Pods))),
                        ("notReady", Num(members.Sum(m => m.NotReady))), ("warnings", Num(members.Sum(m => m.Warnings)))),
                });
            }

            foreach (var node in nodes.OrderBy(e => e.Label, NaturalStringComparer.Instance))
            {
                var s = stats.GetValueOrDefault(node.Id);
                _rep[node.Id] = node.Id;
                _drawn.Add(Collapsed(node, s, zoneOfNode.GetValueOrDefault(node.Id)));
            }

            foreach (var e in graph.Elements)
            {
                if (_rep.ContainsKey(e.Id))
                {
                    continue;
                }

                if (NodeOf(e) is { } nodeId)
                {
                    _rep[e.Id] = nodeId;
                }
                else if (e.Kind == ElementKind.Segment && zones.ContainsKey(ZoneId(e.Data.GetValueOrDefault("cidr") ?? "")))
                {
                    // The subnet is the zone box already.
                    _rep[e.Id] = ZoneId(e.Data.GetValueOrDefault("cidr")!);
                }
            }

            FoldTopLevel(keep: null);
            var linkNodes = nodes.Count <= options.NodeLinksUpToNodes;
            return Finish(GraphLevel.Cluster, null, null, (s, t) =>
            {
                // Folded kinds (all Services...) have no single place to point at: their edges would fan over the picture.
                if (IsKindGroup(s) || IsKindGroup(t))
                {
                    return null;
                }

                if (!linkNodes && s.StartsWith("node/", StringComparison.Ordinal) && t.StartsWith("node/", StringComparison.Ordinal))
                {
                    // Too many nodes for a mesh: links between zones only.
                    return zoneOfNode.TryGetValue(s, out var zs) && zoneOfNode.TryGetValue(t, out var zt) && zs != zt ? (zs, zt) : null;
                }

                return (s, t);
            });
        }

        public LevelView Node(GraphLevel level, string nodeName, string? focusId, FocusContext focus, ObjectKey? group)
        {
            var open = ElementIds.Node(nodeName);
            var keep = new HashSet<string>(StringComparer.Ordinal) { open };
            var unfoldPods = level == GraphLevel.Pods;
            var nodePods = graph.Elements.Where(e => IsPod(e.Kind) && NodeOf(e) == open).ToList();
            var pods = Pods();
            if (unfoldPods || nodePods.Count <= options.FoldPodsAbove)
            {
                keep.UnionWith(nodePods.Select(p => p.Id));
            }
            else if (group is { } g)
            {
                // One counted box opened: its pods drawn one by one, the node's other workloads stay counted.
                keep.UnionWith(nodePods.Where(p => p.Namespace == g.Namespace && WorkloadOf(p, pods) == g.Name).Select(p => p.Id));
            }

            if (focusId is not null)
            {
                keep.Add(focusId);
                var services = graph.Edges.Where(e => e.Kind == EdgeKind.Endpoint && e.Target == focusId).Select(e => e.Source).ToHashSet(StringComparer.Ordinal);
                keep.UnionWith(services);
                foreach (var svc in services)
                {
                    keep.UnionWith(graph.Edges.Where(e => e.Kind == EdgeKind.Endpoint && e.Source == svc).Select(e => e.Target).Take(options.FocusPeersUpTo));
                }

                keep.UnionWith(focus.PolicyPeers.Where(_byId.ContainsKey).Take(options.FocusPeersUpTo));
            }

            keep.UnionWith(focus.WalkPath.Where(_byId.ContainsKey));

            // Everything inside a kept pod (its veth, its interfaces) is kept with it.
            foreach (var e in graph.Elements)
            {
                if (PodOf(e) is { } pod && keep.Contains(pod))
                {
                    keep.Add(e.Id);
                }
            }

            var expanded = keep.Select(id => _byId[id]).Select(NodeOf).OfType<string>().ToHashSet(StringComparer.Ordinal);
            expanded.Add(open);
            var stats = NodeStats();
            var otherNodes = graph.Elements.Count(e => e.Kind == ElementKind.Node && !expanded.Contains(e.Id));
            foreach (var e in graph.Elements)
            {
                if (keep.Contains(e.Id))
                {
                    _rep[e.Id] = e.Id;
                    _drawn.Add(e);
                    continue;
                }

                if (e.Kind == ElementKind.Node)
                {
                    if (expanded.Contains(e.Id))
                    {
                        _rep[e.Id] = e.Id;
                        _drawn.Add(e);
                    }
                    else if (otherNodes <= options.FoldTopLevelAbove)
                    {
                        _rep[e.Id] = e.Id;
                        _drawn.Add(Collapsed(e, stats.GetValueOrDefault(e.Id), null));
                    }
                    else
                    {
                        AddTo(e, "group/nodes", null, null, "nodes", "other node");
                    }

                    continue;
                }

                if (NodeOf(e) is not { } nodeId)
                {
                    continue;
                }

                if (!expanded.Contains(nodeId))
                {
                    continue;
                }

                var nodeLabel = _byId[nodeId].Label;
                var podId = PodOf(e);
                if (podId is null)
                {
                    // A device: the open node shows all of its own, other nodes only those on the way.
                    if (nodeId == open)
                    {
                        _rep[e.Id] = e.Id;
                        _drawn.Add(e);
                    }
                    else
                    {
                        AddTo(e, $"{GroupPrefix}{nodeLabel}/devices", nodeId, nodeLabel, "devices", "device");
                    }

                    continue;
                }

                var podElement = _byId[podId];
                if (nodeId == open)
                {
                    var workload = WorkloadOf(podElement, pods);
                    var ns = podElement.Namespace ?? "";
                    AddTo(e, $"{GroupPrefix}{nodeLabel}/pods/{ns}/{workload}", nodeId, nodeLabel, $"{ns}/{workload}", "pod", counted: IsPod(e.Kind) ? podElement : null);
                }
                else
                {
                    AddTo(e, $"{GroupPrefix}{nodeLabel}/pods", nodeId, nodeLabel, "other pods", "pod", counted: IsPod(e.Kind) ? podElement : null);
                }
            }

            // Elements of folded nodes go with their node (collapsed box or the nodes group).
            foreach (var e in graph.Elements)
            {
                if (!_rep.ContainsKey(e.Id) && NodeOf(e) is { } nodeId && _rep.TryGetValue(nodeId, out var nodeRep))
                {
                    _rep[e.Id] = nodeRep;
                }
            }

            FoldTopLevel(keep);
            return Finish(level, nodeName, focusId, (s, t) => (s, t)) with { Group = group };
        }

        private static string WorkloadOf(TopologyElement pod, Dictionary<string, PodInfo> pods) =>
            pods.TryGetValue(pod.Id, out var info) ? TopologyLevels.WorkloadOf(info) : pod.Label;

        private void FoldTopLevel(HashSet<string>? keep)
        {
            var byKind = graph.Elements.Where(e => !_rep.ContainsKey(e.Id) && NodeOf(e) is null && e.Parent is null).GroupBy(e => e.Kind);
            foreach (var kind in byKind)
            {
                var fold = kind.Count(e => keep?.Contains(e.Id) != true) > options.FoldTopLevelAbove;
                foreach (var e in kind)
                {
                    if (!fold || keep?.Contains(e.Id) == true)
                    {
                        _rep[e.Id] = e.Id;
                        _drawn.Add(e);
                    }
                    else
                    {
                        AddTo(e, GroupPrefix + kind.Key, null, null, kind.Key, kind.Key);
                    }
                }
            }

            // Children of kept top-level elements (a Service's parts, a gateway's listeners) stay with them.
            foreach (var e in graph.Elements)
            {
                if (!_rep.ContainsKey(e.Id) && e.Parent is { } p && _rep.TryGetValue(p, out var parentRep))
                {
                    _rep[e.Id] = parentRep;
                    if (parentRep == p)
                    {
                        _rep[e.Id] = e.Id;
                        _drawn.Add(e);
                    }
                }
            }
        }

        private void AddTo(TopologyElement e, string groupId, string? parent, string? node, string title, string noun, TopologyElement? counted = null)
        {
            if (!_groups.TryGetValue(groupId, out var g))
            {
                g = new GroupBuilder(groupId, parent, node, title, noun);
                _groups[groupId] = g;
            }

            g.Members.Add(e);
            if (counted is not null || !g.CountsPods)
            {
                g.Count++;
                if (counted?.Data.GetValueOrDefault("ready") == "false")
                {
                    g.NotReady++;
                }
            }

            _rep[e.Id] = groupId;
        }

        private LevelView Finish(GraphLevel level, string? node, string? focusId, Func<string, string, (string S, string T)?> route)
        {
            // A group of one is no fold: draw the element itself.
            foreach (var g in _groups.Values)
            {
                if (g.Count == 1 && g.Members.All(m => m.Parent is null || _rep.GetValueOrDefault(m.Parent) == m.Parent || m.Parent == g.Parent))
                {
                    foreach (var m in g.Members)
                    {
                        _rep[m.Id] = m.Id;
                        _drawn.Add(m);
                    }
                }
                else
                {
                    _drawn.Add(g.Build());
                }
            }

            var edges = new Dictionary<string, TopologyEdge>(StringComparer.Ordinal);
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var edge in graph.Edges)
            {
                if (!_rep.TryGetValue(edge.Source, out var s) || !_rep.TryGetValue(edge.Target, out var t) || s == t)
                {
                    continue;
                }

                if (s == edge.Source && t == edge.Target)
                {
                    edges[edge.Id] = edge;
                    continue;
                }

                if (route(s, t) is not { } r || r.S == r.T)
                {
                    continue;
                }

                var id = TopologyEdge.MakeId(edge.Kind, r.S, r.T);
                counts[id] = counts.GetValueOrDefault(id) + 1;
                edges[id] = new TopologyEdge { Id = id, Kind = edge.Kind, Source = r.S, Target = r.T, Label = edge.Kind is EdgeKind.TunnelLink or EdgeKind.DirectRoute ? edge.Label : "" };
            }

            foreach (var (id, count) in counts)
            {
                edges[id] = edges[id] with { Data = AttributeMap.Of(("count", Num(count))) };
            }

            var folded = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (id, rep) in _rep)
            {
                if (id != rep)
                {
                    folded[id] = rep;
                }
            }

            return new LevelView
            {
                Level = level,
                Node = node,
                FocusId = focusId,
                Drawn = graph with { Elements = [.. _drawn], Edges = [.. edges.Values] },
                FoldedInto = folded,
            };
        }

        private TopologyElement Collapsed(TopologyElement node, NodeStat s, string? parent)
        {
            var badges = new List<string> { Count(s.Pods, "pod") };
            if (s.NotReady > 0)
            {
                badges.Add($"{Num(s.NotReady)} not ready");
            }

            if (s.Warnings > 0)
            {
                badges.Add($"⚠ {Num(s.Warnings)}");
            }

            return node with
            {
                Parent = parent,
                Label = $"{node.Label}\n{string.Join(" · ", badges)}",
                Data = AttributeMap.From(node.Data.Concat([
                    new("name", node.Label), new("pods", Num(s.Pods)), new("notReady", Num(s.NotReady)), new("warnings", Num(s.Warnings)), new("collapsed", "true"),
                ])),
            };
        }

        private Dictionary<string, NodeStat> NodeStats()
        {
            var stats = new Dictionary<string, NodeStat>(StringComparer.Ordinal);
            foreach (var e in graph.Elements)
            {
                if (IsPod(e.Kind) && NodeOf(e) is { } node)
                {
                    var s = stats.GetValueOrDefault(node);
                    stats[node] = s with { Pods = s.Pods + 1, NotReady = s.NotReady + (e.Data.GetValueOrDefault("ready") == "false" ? 1 : 0) };
                }
            }

            foreach (var w in graph.Warnings)
            {
                if (w.Severity > Severity.Info && w.ElementId is { } id && _byId.TryGetValue(id, out var e) && NodeOf(e) is { } node)
                {
                    var s = stats.GetValueOrDefault(node);
                    stats[node] = s with { Warnings = s.Warnings + 1 };
                }
            }

            return stats;
        }

        private Dictionary<string, PodInfo> Pods()
        {
            var map = new Dictionary<string, PodInfo>(StringComparer.Ordinal);
            foreach (var p in graph.Snapshot.Pods)
            {
                map[ElementIds.Pod(p.Namespace, p.Name)] = p;
            }

            return map;
        }

        private string? NodeOf(TopologyElement e)
        {
            if (_nodeOf.TryGetValue(e.Id, out var cached))
            {
                return cached;
            }

            string? node = null;
            for (var cur = e; cur is not null; cur = cur.Parent is { } p ? _byId.GetValueOrDefault(p) : null)
            {
                if (cur.Kind == ElementKind.Node)
                {
                    node = cur.Id;
                    break;
                }
            }

            if (node is null && e.Node is { } name && _byId.ContainsKey(ElementIds.Node(name)) && e.Parent is not null)
            {
                node = ElementIds.Node(name);
            }

            _nodeOf[e.Id] = node;
            return node;
        }

        private string? PodOf(TopologyElement e)
        {
            if (!_podOf.TryGetValue(e.Id, out var pod))
            {
                pod = PodIdOf(graph, e);
                _podOf[e.Id] = pod;
            }

            return pod;
        }

        private static TopologyElement? ZoneOf(TopologyElement node)
        {
            if (node.Labels.GetValueOrDefault(ZoneLabel) is { Length: > 0 } zone)
            {
                return new TopologyElement { Id = ZoneId(zone), Kind = LevelKind.Zone, Label = $"zone {zone}" };
            }

            if (node.Data.GetValueOrDefault("segment") is { Length: > 0 } segment)
            {
                var cidr = segment.Split(' ')[0];
                return new TopologyElement { Id = ZoneId(cidr), Kind = LevelKind.Zone, Label = $"subnet {segment}" };
            }

            return null;
        }

        private static string ZoneId(string zone) => $"zone/{zone}";

        private static bool IsKindGroup(string id) => id.StartsWith(GroupPrefix, StringComparison.Ordinal) && id.IndexOf('/', GroupPrefix.Length) < 0;
    }

    /// <summary>The workload a pod belongs to: its controller, a ReplicaSet named without its pod-template hash.</summary>
    public static string WorkloadOf(PodInfo pod)
    {
        if (pod.Owner is not { } owner)
        {
            return pod.Name;
        }

        if (owner.Kind == "ReplicaSet" && owner.Name.LastIndexOf('-') is var dash and > 0)
        {
            return owner.Name[..dash];
        }

        return owner.Name;
    }

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Count(int n, string noun) => $"{n.ToString("N0", CultureInfo.InvariantCulture)} {noun}{(n == 1 ? "" : "s")}";

    private readonly record struct NodeStat(int Pods, int NotReady, int Warnings);

    private sealed class GroupBuilder(string id, string? parent, string? node, string title, string noun)
    {
        public List<TopologyElement> Members { get; } = [];
        public int Count { get; set; }
        public int NotReady { get; set; }
        public string? Parent => parent;
        public bool CountsPods => noun == "pod";

        public TopologyElement Build()
        {
            var label = $"{title}\n{TopologyLevels.Count(Count, noun)}" + (NotReady > 0 ? $" · {Num(NotReady)} not ready" : "");
            var kinds = string.Join(",", Members.Select(m => m.Kind).Distinct().Order(StringComparer.Ordinal));
            return new TopologyElement
            {
                Id = id,
                Kind = LevelKind.Group,
                Label = label,
                Parent = parent,
                Node = node,
                Namespace = Members.Select(m => m.Namespace).Distinct().Count() == 1 ? Members[0].Namespace : null,
                Data = AttributeMap.Of(("name", title), ("count", Num(Count)), ("notReady", NotReady > 0 ? Num(NotReady) : null), ("kinds", kinds)),
            };
        }
    }
}
