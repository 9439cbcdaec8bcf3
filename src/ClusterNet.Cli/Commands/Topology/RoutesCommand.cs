using ClusterNet.Core.Topology;

namespace ClusterNet.Cli.Commands.Topology;

/// <summary>
/// `clusternet routes --manifests PATH --node NAME [--format text|json] [--node-subnet CIDR]... [--nic NAME]`:
/// the node's predicted `ip route` and `ip link`, with the assumptions as # comments.
/// </summary>
public sealed class RoutesCommand : ICliCommand
{
    public IReadOnlyList<string> Path => ["routes"];

    public string Summary => "Predicted ip route / ip link of one node from manifests (flannel, calico, canal...)";

    public int Run(CliArgs args, TextWriter stdout, TextWriter stderr)
    {
        var node = args.Require("node");
        var format = args.Choice("format", "text", "text", "json");
        var graph = ManifestInput.Build(args, stderr);
        var table = RoutePredictor.Predict(graph, node)
            ?? throw new CliUsageException($"--node {node}: no such node in the manifests (nodes: {(graph.Nodes.IsEmpty ? "none" : string.Join(", ", graph.Nodes.Keys.Order(StringComparer.Ordinal)))})");
        stdout.Write(format == "json" ? TopologyJson.Serialize(TopologyJson.ToDocument(table)) + "\n" : table.ToText());
        return 0;
    }
}
