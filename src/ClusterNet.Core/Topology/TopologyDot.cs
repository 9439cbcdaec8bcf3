using System.Text;

namespace ClusterNet.Core.Topology;

/// <summary>Graphviz rendering: one cluster subgraph per node holding its devices and pods.</summary>
public static class TopologyDot
{
    public static string Render(TopologyGraph graph)
    {
        var sb = new StringBuilder();
        sb.Append("graph topology {\n");
        sb.Append("  compound=true;\n  rankdir=TB;\n  node [shape=box, fontname=\"Helvetica\", fontsize=10];\n  edge [fontname=\"Helvetica\", fontsize=8];\n");
        sb.Append("  label=").Append(Q($"{graph.Source.Name}: CNI {graph.Cni.Name}" + (graph.Flannel is { } f ? $" ({f.BackendType}{(f.DirectRouting ? " + DirectRouting" : "")})" : "") + $", kube-proxy {graph.KubeProxyMode}")).Append(";\n");
        var children = graph.Elements.Where(e => e.Parent is not null).ToLookup(e => e.Parent!, StringComparer.Ordinal);
        foreach (var e in graph.Elements.Where(e => e.Parent is null))
        {
            if (e.Kind == ElementKind.Node)
            {
                sb.Append("  subgraph ").Append(Q("cluster_" + e.Id)).Append(" {\n    label=").Append(Q(e.Label)).Append(";\n");
                foreach (var c in children[e.Id])
                {
                    sb.Append("    ").Append(Node(c)).Append('\n');
                }

                sb.Append("  }\n");
            }
            else
            {
                sb.Append("  ").Append(Node(e)).Append('\n');
            }
        }

        foreach (var edge in graph.Edges)
        {
            sb.Append("  ").Append(Q(edge.Source)).Append(" -- ").Append(Q(edge.Target));
            var style = edge.Kind switch
            {
                EdgeKind.TunnelLink => ", style=dashed, color=blue",
                EdgeKind.DirectRoute => ", color=darkgreen",
                EdgeKind.Bgp => ", style=dotted",
                EdgeKind.Endpoint => ", color=gray",
                _ => "",
            };
            sb.Append(" [label=").Append(Q(edge.Label)).Append(style).Append("];\n");
        }

        sb.Append("}\n");
        return sb.ToString();
    }

    private static string Node(TopologyElement e)
    {
        var shape = e.Kind switch
        {
            ElementKind.Pod or ElementKind.HostNetworkPod => "ellipse",
            ElementKind.Service => "diamond",
            ElementKind.Segment => "hexagon",
            ElementKind.Veth => "cds",
            _ => "box",
        };
        var label = e.Namespace is null || e.Kind is ElementKind.Veth ? e.Label : $"{e.Namespace}/{e.Label}";
        if (e.Data.TryGetValue("ip", out var ip) && e.Kind is ElementKind.Pod or ElementKind.HostNetworkPod)
        {
            label += $"\n{ip}";
        }

        return $"{Q(e.Id)} [label={Q(label)}, shape={shape}];";
    }

    private static string Q(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
}
