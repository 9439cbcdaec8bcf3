using ClusterNet.Core.Model;
using ClusterNet.Core.Queries;
using ClusterNet.Core.Topology;
using ClusterNet.Kubernetes.Files;

namespace ClusterNet.Cli.Commands.Topology;

/// <summary>Shared flags of the topology commands: --manifests PATH, --node-subnet CIDR (repeatable), --nic NAME, --nic-mtu N.</summary>
internal static class ManifestInput
{
    public static TopologyGraph Build(CliArgs args, TextWriter stderr)
    {
        var path = args.Require("manifests");
        var options = Options(args);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new CliUsageException($"--manifests {path}: no such file or directory");
        }

        var result = ManifestLoader.LoadPath(path);
        foreach (var d in result.Diagnostics.Where(d => d.Severity != "error"))
        {
            stderr.WriteLine(d.ToString());
        }

        if (result.HasErrors)
        {
            throw new CliUsageException($"--manifests {path}: invalid input\n" + string.Join("\n", result.Diagnostics.Where(d => d.Severity == "error").Select(d => "  " + d)));
        }

        return TopologyBuilder.Build(result.ToSnapshot(new SourceInfo("file", path)), options);
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
