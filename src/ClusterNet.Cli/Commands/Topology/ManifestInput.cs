using ClusterNet.Cli.Parsing;
using ClusterNet.Core.Model;
using ClusterNet.Core.Queries;
using ClusterNet.Core.Topology;

namespace ClusterNet.Cli.Commands.Topology;

/// <summary>Shared input of the topology commands: the cluster (manifests or live), --node-subnet CIDR (repeatable), --nic NAME, --nic-mtu N.</summary>
internal static class ManifestInput
{
    public static readonly IReadOnlyList<CliFlag> Flags =
    [
        .. ClusterFlags.All,
        CliFlag.Repeated("node-subnet", "CIDR", "the nodes' own subnet (host-gw needs one L2 subnet); default inferred from node addresses"),
        CliFlag.Value("nic", "NAME", "the nodes' uplink interface name (default eth0, assumed)"),
        CliFlag.Value("nic-mtu", "N", "the uplink's MTU (default 1500, assumed)"),
    ];

    private static readonly ClusterRead Read = new() { Required = [ResourceKind.Nodes, ResourceKind.Pods] };

    public static async Task<(TopologyGraph Graph, LoadedCluster Cluster)> BuildAsync(CliArgs args, CliContext context)
    {
        var options = Options(args);
        var cluster = await ClusterInput.LoadAsync(args, context, Read).ConfigureAwait(false);
        return (TopologyBuilder.Build(cluster.Snapshot, options), cluster);
    }

    /// <summary>The builder inputs through the one topology parser (<see cref="TopologyQueryParser"/>); its first error is the usage error.</summary>
    private static TopologyOptions Options(CliArgs args)
    {
        var flags = new[] { "node-subnet", "nic", "nic-mtu" }
            .SelectMany(name => args.GetAll(name).Select(v => new KeyValuePair<string, string?>(name, v)));
        var parsed = TopologyQueryParser.Parse(QueryInput.Flags(flags));
        if (!parsed.Ok)
        {
            throw new CliUsageException(parsed.Errors[0].Message);
        }

        return parsed.Query!.ToOptions();
    }
}
