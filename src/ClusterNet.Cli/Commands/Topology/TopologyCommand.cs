using ClusterNet.Cli.Parsing;
using ClusterNet.Core.Findings;
using ClusterNet.Core.Topology;

namespace ClusterNet.Cli.Commands.Topology;

/// <summary>
/// `clusternet topology [--manifests PATH | --kubeconfig PATH --context NAME] [--format json|dot] [--node-subnet CIDR]...
/// [--nic NAME] [--nic-mtu N]`: the topology graph (elements, edges, CNI, warnings) as JSON, or Graphviz DOT.
/// Warnings also go to stderr.
/// </summary>
public sealed class TopologyCommand : ICliCommand
{
    public IReadOnlyList<string> Path => ["topology"];

    public string Summary => "Topology graph of manifests: nodes, NICs, cni0/flannel.1/calico devices, veths, pods, tunnels (json|dot)";

    public IReadOnlyList<CliFlag> Flags { get; } =
    [
        .. ManifestInput.Flags,
        CliFlag.Choice("format", "output: the topology document (json, default) or Graphviz DOT", "json", "dot"),
    ];

    public async Task<int> RunAsync(CliArgs args, CliContext context)
    {
        var format = args.Choice("format", "json", "json", "dot");
        var (graph, _) = await ManifestInput.BuildAsync(args, context).ConfigureAwait(false);
        foreach (var w in graph.Warnings.Where(w => w.Severity != Severity.Info))
        {
            context.Stderr.WriteLine(TopologyFindings.ToText(w));
        }

        context.Stdout.Write(format == "dot" ? TopologyDot.Render(graph) : TopologyJson.Serialize(TopologyJson.ToDocument(graph)) + "\n");
        return 0;
    }
}
