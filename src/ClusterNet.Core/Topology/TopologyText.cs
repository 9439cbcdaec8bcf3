using System.Text;

namespace ClusterNet.Core.Topology;

/// <summary>
/// The topology as text (<c>clusternet topology --format text</c>): what was decided and assumed as <c>#</c> lines
/// (CNI and its signals, where Calico's pools, backend and MTU came from, kube-proxy mode, node segments, findings),
/// then each node with its devices, pods and secondary interfaces, then Services.
/// </summary>
public static class TopologyText
{
    public static string Render(TopologyGraph graph)
    {
        var sb = new StringBuilder();
        void Comment(string text) => sb.Append("# ").Append(text).Append('\n');

        Comment($"topology of {graph.Source.Type} {graph.Source.Name}, snapshot v{graph.Version}");
        Comment($"cni: {graph.Cni.Name} ({string.Join("; ", graph.Cni.Signals)})");
        if (graph.Flannel is { } f)
        {
            Comment($"flannel backend {f.BackendType}{(f.DirectRouting ? " + DirectRouting" : "")} from {f.Source}");
        }

        if (graph.Calico is { } c)
        {
            Comment($"calico pools from {CalicoPoolSources.Word(c.PoolSource)}: {string.Join(", ", c.Pools.Select(p => $"{p.Name} {p.Cidr} ipipMode {p.IpipMode} vxlanMode {p.VxlanMode}"))}; backend {c.Backend}; block /{c.BlockSize}");
            foreach (var note in c.Notes)
            {
                Comment(note);
            }
        }

        Comment($"pod MTU {graph.PodMtu} (NIC {graph.Options.NicMtu})");
        Comment($"kube-proxy {graph.KubeProxyMode} ({graph.KubeProxyModeSource})");
        Comment(graph.NodeSubnets.Note);
        foreach (var w in graph.Warnings)
        {
            Comment(TopologyFindings.ToText(w));
        }

        var children = graph.Elements.Where(e => e.Parent is not null).ToLookup(e => e.Parent!, StringComparer.Ordinal);
        foreach (var node in graph.Elements.Where(e => e.Kind == ElementKind.Node))
        {
            sb.Append("node ").Append(node.Label);
            if (node.Data.TryGetValue("internalIP", out var ip))
            {
                sb.Append(' ').Append(ip);
            }

            sb.Append('\n');
            foreach (var e in children[node.Id])
            {
                Line(sb, "  ", e);
            }
        }

        foreach (var e in graph.Elements.Where(e => e.Parent is null && e.Kind is not (ElementKind.Node or ElementKind.Segment)))
        {
            Line(sb, "", e);
        }

        return sb.ToString();
    }

    private static void Line(StringBuilder sb, string indent, TopologyElement e)
    {
        sb.Append(indent).Append(e.Kind).Append(' ');
        if (e.Namespace is { } ns && e.Kind is ElementKind.Pod or ElementKind.HostNetworkPod or ElementKind.Service or ElementKind.SecondaryInterface)
        {
            sb.Append(ns).Append('/');
        }

        sb.Append(e.Kind == ElementKind.SecondaryInterface && e.Data.TryGetValue("pod", out var pod) ? $"{pod[(pod.IndexOf('/', StringComparison.Ordinal) + 1)..]} {e.Label}" : e.Label);
        foreach (var key in (ReadOnlySpan<string>)["ip", "mtu", "network", "cni", "mode", "master", "pci", "resourceName"])
        {
            if (e.Data.TryGetValue(key, out var value))
            {
                sb.Append(' ').Append(key).Append(' ').Append(value);
            }
        }

        sb.Append('\n');
    }
}
