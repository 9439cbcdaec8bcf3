using System.Text.Json;
using ClusterNet.Core.ClientIp;
using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Files;

namespace ClusterNet.Cli.Commands.ClientIp;

/// <summary>
/// `clusternet client-ip --manifests PATH [--service NS/NAME | --ingress NS/NAME] [--format text|json]`: the
/// client-IP path analysis of a Service or an Ingress; with neither, the table of every exposed Service.
/// Exit 0 with the analysis, 2 for bad flags, unreadable input or an object that is not in the manifests.
/// </summary>
public sealed class ClientIpCommand : ICliCommand
{
    private readonly Func<string, ManifestLoadResult> _load;

    public ClientIpCommand()
        : this(path => File.Exists(path) || Directory.Exists(path) ? ManifestLoader.LoadPath(path) : throw new FileNotFoundException(path))
    {
    }

    internal ClientIpCommand(Func<string, ManifestLoadResult> load) => _load = load;

    public IReadOnlyList<string> Path => ["client-ip"];

    public string Summary => "What each Service/Ingress backend sees as the client address: hops, SNAT, headers, risks, fixes";

    public int Run(CliArgs args, TextWriter stdout, TextWriter stderr)
    {
        var manifests = args.Require("manifests");
        var serviceText = args.Get("service");
        var ingressText = args.Get("ingress");
        var format = args.Choice("format", "text", "text", "json");
        if (serviceText is not null && ingressText is not null)
        {
            throw new CliUsageException("give --service or --ingress, not both");
        }

        ManifestLoadResult loaded;
        try
        {
            loaded = _load(manifests);
        }
        catch (FileNotFoundException)
        {
            throw new CliUsageException($"--manifests {manifests}: no such file or directory");
        }

        foreach (var d in loaded.Diagnostics)
        {
            stderr.WriteLine(d.ToString());
        }

        var snapshot = loaded.ToSnapshot(new SourceInfo("file", manifests));
        if (serviceText is null && ingressText is null)
        {
            var rows = ClientIpAnalyzer.Overview(snapshot);
            if (format == "json")
            {
                stdout.WriteLine(JsonSerializer.Serialize(rows, ClientIpDecodeCommand.Json));
            }
            else
            {
                ClientIpTextWriter.WriteOverview(stdout, rows);
            }

            return 0;
        }

        ClientIpReport report;
        if (serviceText is not null)
        {
            var key = Key(serviceText, "--service");
            report = ClientIpAnalyzer.ForService(snapshot, key.Namespace, key.Name)
                ?? throw new CliUsageException($"--service {serviceText}: no Service {key} in {manifests}{Known(snapshot.Services.Select(s => s.Key))}");
        }
        else
        {
            var key = Key(ingressText!, "--ingress");
            report = ClientIpAnalyzer.ForIngress(snapshot, key.Namespace, key.Name)
                ?? throw new CliUsageException($"--ingress {ingressText}: no Ingress {key} in {manifests}{Known(snapshot.Ingresses.Select(i => i.Key))}");
        }

        if (format == "json")
        {
            stdout.WriteLine(JsonSerializer.Serialize(report, ClientIpDecodeCommand.Json));
        }
        else
        {
            ClientIpTextWriter.WriteReport(stdout, report);
        }

        return 0;
    }

    private static ObjectKey Key(string text, string flag)
    {
        var key = ObjectKey.Parse(text);
        if (key.Namespace.Length == 0 || key.Name.Length == 0 || key.Name.Contains('/', StringComparison.Ordinal))
        {
            throw new CliUsageException($"{flag} '{text}': expected NAMESPACE/NAME");
        }

        return key;
    }

    private static string Known(IEnumerable<ObjectKey> keys)
    {
        var list = keys.Take(10).Select(k => k.ToString()).ToList();
        return list.Count == 0 ? " (there are none)" : $" (there: {string.Join(", ", list)})";
    }
}
