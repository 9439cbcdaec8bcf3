using System.Text.Json;
using System.Text.Json.Serialization;
using ClusterNet.Core.Dns;
using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Files;

namespace ClusterNet.Cli.Commands.Dns;

/// <summary>
/// `clusternet dns findings --manifests PATH [--format json|table] [--cluster-domain D] [--node-search DOMAIN]...`:
/// cluster-wide DNS findings, most impactful first. Exit 1 when any finding is critical.
/// </summary>
public sealed class DnsFindingsCommand : ICliCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };

    public IReadOnlyList<string> Path => ["dns", "findings"];

    public string Summary => "cluster-wide DNS findings with evidence, fixes and dnsConfig patches";

    public int Run(CliArgs args, TextWriter stdout, TextWriter stderr)
    {
        var manifests = args.Require("manifests");
        var format = args.Choice("format", "table", "json", "table");
        var settings = DnsClusterSettings.Default with
        {
            ClusterDomain = args.Get("cluster-domain") ?? DnsClusterSettings.Default.ClusterDomain,
            NodeSearch = [.. args.GetAll("node-search").SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries))],
        };
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
        if (format == "json")
        {
            stdout.WriteLine(JsonSerializer.Serialize(new
            {
                verdict = report.Verdict,
                findings = report.Findings.Select(f => new
                {
                    id = f.Id,
                    f.Code,
                    f.Severity,
                    f.Scope,
                    f.Subject,
                    f.Namespace,
                    f.Pods,
                    f.Title,
                    f.Evidence,
                    f.Fix,
                    patch = f.Patch is null ? null : new { target = f.Patch.Target.ToString(), f.Patch.Yaml, f.Patch.KubectlCommand, f.Patch.TradeOff, f.Patch.StopsWorking },
                    f.Impact,
                }),
            }, Json));
        }
        else
        {
            stdout.WriteLine(report.Verdict);
            foreach (var f in report.Findings)
            {
                stdout.WriteLine();
                stdout.WriteLine($"[{f.Severity.ToString().ToLowerInvariant()}] {f.Title}");
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

        return report.Findings.Any(f => f.Severity == DnsSeverity.Critical) ? 1 : 0;
    }
}
