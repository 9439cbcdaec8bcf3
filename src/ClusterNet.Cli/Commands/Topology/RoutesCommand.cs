using ClusterNet.Cli.Parsing;
using ClusterNet.Core.Topology;

namespace ClusterNet.Cli.Commands.Topology;

/// <summary>
/// `clusternet routes [--manifests PATH | --kubeconfig PATH --context NAME] --node NAME [--format text|json]
/// [--node-subnet CIDR]... [--nic NAME]`: the node's predicted `ip route` and `ip link`, with the assumptions as # comments.
/// </summary>
public sealed class RoutesCommand : ICliCommand
{
    public IReadOnlyList<string> Path => ["routes"];

    public string Summary => "Predicted ip route / ip link of one node from manifests (flannel, calico, canal...)";

    public IReadOnlyList<CliFlag> Flags { get; } =
    [
        .. ManifestInput.Flags,
        CliFlag.Value("node", "NAME", "the node whose routes and links to predict (required)"),
        CliFlag.Choice("format", "output: ip route/ip link text with # assumptions (default) or JSON", "text", "json"),
    ];

    public async Task<int> RunAsync(CliArgs args, CliContext context)
    {
        var node = args.Require("node");
        var format = args.Choice("format", "text", "text", "json");
        var (graph, cluster) = await ManifestInput.BuildAsync(args, context).ConfigureAwait(false);
        var table = RoutePredictor.Predict(graph, node)
            ?? throw new CliUsageException($"--node {node}: no such node in {(cluster.Snapshot.Source.Type == "file" ? "the manifests" : cluster.Name)} (nodes: {(graph.Nodes.IsEmpty ? "none" : string.Join(", ", graph.Nodes.Keys.Order(StringComparer.Ordinal)))})");
        context.Stdout.Write(format == "json" ? TopologyJson.Serialize(TopologyJson.ToDocument(table)) + "\n" : table.ToText());
        return 0;
    }
}
