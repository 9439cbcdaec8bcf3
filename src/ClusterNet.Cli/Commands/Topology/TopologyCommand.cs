using ClusterNet.Cli.Parsing;
using ClusterNet.Core.Findings;
using ClusterNet.Core.Topology;

namespace ClusterNet.Cli.Commands.Topology;

/// <summary>
/// `clusternet topology [--manifests PATH | --kubeconfig PATH --context NAME] [--format json|dot|text] [--node-subnet CIDR]...
/// [--nic NAME] [--nic-mtu N]`:
/// the topology graph (elements, edges, CNI, warnings) as JSON, Graphviz DOT, or text with what was decided and assumed as
/// # lines. Warnings also go to stderr.
/// </summary>
public sealed class TopologyCommand : ICliCommand
{
    public IReadOnlyList<string> Path => ["topology"];

    public string Summary => "Topology graph of manifests: nodes, NICs, cni0/flannel.1/calico devices, veths, pods, tunnels (json|dot|text)";

    public IReadOnlyList<CliFlag> Flags { get; } =
    [
        .. ManifestInput.Flags,
        CliFlag.Choice("format", "output: the topology document (json, default), Graphviz DOT, or text with decisions and assumptions as # lines", "json", "dot", "text"),
    ];

    public async Task<int> RunAsync(CliArgs args, CliContext context)
    {
        var format = args.Choice("format", "json", "json", "dot", "text");
        var (graph, _) = await ManifestInput.BuildAsync(args, context).ConfigureAwait(false);
        foreach (var w in graph.Warnings.Where(w => w.Severity != Severity.Info))
        {
            context.Stderr.WriteLine(TopologyFindings.ToText(w));
        }

        context.Stdout.Write(format switch
        {
            "dot" => TopologyDot.Render(graph),
            "text" => TopologyText.Render(graph),
            _ => TopologyJson.Serialize(TopologyJson.ToDocument(graph)) + "\n",
        });
        return 0;
    }
}
