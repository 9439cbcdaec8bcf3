using System.Text.Json;
using ClusterNet.Cli.Parsing;
using ClusterNet.Core.Dns;
using ClusterNet.Core.Dns.Queries;
using ClusterNet.Core.Model;
using ClusterNet.Core.Queries;

namespace ClusterNet.Cli.Commands.Dns;

/// <summary>
/// `clusternet dns findings [--manifests PATH | --kubeconfig PATH --context NAME -n NS] [--format json|table] [--cluster-domain D] [--node-search DOMAIN]...`:
/// cluster-wide DNS findings, most impactful first. Exit 1 when any finding is critical.
/// </summary>
public sealed class DnsFindingsCommand : ICliCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public IReadOnlyList<string> Path => ["dns", "findings"];

    public string Summary => "cluster-wide DNS findings with evidence, fixes and dnsConfig patches";

    private static readonly ClusterRead Read = new() { Required = [ResourceKind.Pods, ResourceKind.Services], Problems = ManifestProblems.FailOnErrorsQuietly };

    public IReadOnlyList<CliFlag> Flags { get; } =
    [
        .. ClusterFlags.All,
        CliFlag.Choice("format", "output: table (default) or JSON", "json", "table"),
        CliFlag.Value("cluster-domain", "DOMAIN", "kubelet's clusterDomain (default cluster.local, assumed)"),
        CliFlag.Repeated("node-search", "DOMAIN", "a search domain of the nodes' /etc/resolv.conf"),
    ];

    public async Task<int> RunAsync(CliArgs args, CliContext context)
    {
        var stdout = context.Stdout;
        var format = args.Choice("format", "table", "json", "table");
        var settings = DnsLookupQueryParser.Settings(QueryInput.Flags([
            new("cluster-domain", args.Get("cluster-domain")),
            .. args.GetAll("node-search").Select(v => new KeyValuePair<string, string?>("node-search", v)),
        ]));
        var cluster = await ClusterInput.LoadAsync(args, context, Read).ConfigureAwait(false);
        var report = DnsFindingsAnalyzer.Analyze(cluster.Snapshot, settings);
        var findings = report.Findings.Select(DnsFindingDto.From).ToList();
        if (format == "json")
        {
            stdout.WriteLine(JsonSerializer.Serialize(new { verdict = report.Verdict, findings }, Json));
        }
        else
        {
            stdout.WriteLine(report.Verdict);
            foreach (var f in findings)
            {
                stdout.WriteLine();
                stdout.WriteLine($"[{f.Severity}] {f.Title}");
                foreach (var e in f.Evidence)
                {
                    stdout.WriteLine($"  - {e}");
                }

                stdout.WriteLine($"  fix: {f.Fix}");
                if (f.Patch?.KubectlCommand is { } cmd)
                {
                    stdout.WriteLine($"  patch: {cmd}");
                    stdout.WriteLine($"  trade-off: {f.Patch.TradeOff}");
                }
            }
        }

        return report.HasCritical ? 1 : 0;
    }
}
