using ClusterNet.Core.Findings;
using ClusterNet.Core.Topology;

namespace ClusterNet.Cli.Commands.Topology;

/// <summary>
/// `clusternet topology --manifests PATH [--format json|dot] [--node-subnet CIDR]... [--nic NAME] [--nic-mtu N]`:
/// the topology graph (elements, edges, CNI, warnings) as JSON, or Graphviz DOT. Warnings also go to stderr.
/// </summary>
public sealed class TopologyCommand : ICliCommand
{
    public IReadOnlyList<string> Path => ["topology"];

    public string Summary => "Topology graph of manifests: nodes, NICs, cni0/flannel.1/calico devices, veths, pods, tunnels (json|dot)";

    public int Run(CliArgs args, TextWriter stdout, TextWriter stderr)
    {
        var format = args.Choice("format", "json", "json", "dot");
        var graph = ManifestInput.Build(args, stderr);
        foreach (var w in graph.Warnings.Where(w => w.Severity != Severity.Info))
        {
            stderr.WriteLine(TopologyFindings.ToText(w));
        }

        stdout.Write(format == "dot" ? TopologyDot.Render(graph) : TopologyJson.Serialize(TopologyJson.ToDocument(graph)) + "\n");
        return 0;
    }
}
