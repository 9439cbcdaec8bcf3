using ClusterNet.Core.Model;
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

    private static TopologyOptions Options(CliArgs args)
    {
        var subnets = args.GetAll("node-subnet");
        foreach (var s in subnets)
        {
            if (!Ipv4Cidr.TryParse(s, out _))
            {
                throw new CliUsageException($"--node-subnet '{s}' is not an IPv4 CIDR (e.g. 172.16.100.0/24)");
            }
        }

        var mtu = args.GetInt("nic-mtu");
        if (mtu is < 576 or > 65535)
        {
            throw new CliUsageException($"--nic-mtu must be 576–65535, got {mtu}");
        }

        return new TopologyOptions
        {
            NodeSubnets = [.. subnets],
            NicName = args.Get("nic"),
            NicMtu = mtu ?? 1500,
        };
    }
}
