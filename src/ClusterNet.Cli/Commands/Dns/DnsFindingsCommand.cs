using System.Text.Json;
using ClusterNet.Core.Dns;
using ClusterNet.Core.Dns.Queries;
using ClusterNet.Core.Model;
using ClusterNet.Core.Queries;
using ClusterNet.Kubernetes.Files;

namespace ClusterNet.Cli.Commands.Dns;

/// <summary>
/// `clusternet dns findings --manifests PATH [--format json|table] [--cluster-domain D] [--node-search DOMAIN]...`:
/// cluster-wide DNS findings, most impactful first. Exit 1 when any finding is critical.
/// </summary>
public sealed class DnsFindingsCommand : ICliCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public IReadOnlyList<string> Path => ["dns", "findings"];

    public string Summary => "cluster-wide DNS findings with evidence, fixes and dnsConfig patches";

    public int Run(CliArgs args, TextWriter stdout, TextWriter stderr)
    {
        var manifests = args.Require("manifests");
        var format = args.Choice("format", "table", "json", "table");
        var settings = DnsLookupQueryParser.Settings(QueryInput.Flags([
            new("cluster-domain", args.Get("cluster-domain")),
            .. args.GetAll("node-search").Select(v => new KeyValuePair<string, string?>("node-search", v)),
        ]));
        if (!File.Exists(manifests) && !Directory.Exists(manifests))
        {
            throw new CliUsageException($"--manifests {manifests}: no such file or directory");
        }

        var loaded = ManifestLoader.LoadPath(manifests);
        if (loaded.HasErrors)
        {
            throw new CliUsageException($"--manifests {manifests}: invalid input\n" + string.Join("\n", loaded.Diagnostics.Where(d => d.Severity == "error").Select(d => "  " + d)));
        }

        var report = DnsFindingsAnalyzer.Analyze(loaded.ToSnapshot(new SourceInfo("file", manifests)), settings);
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
