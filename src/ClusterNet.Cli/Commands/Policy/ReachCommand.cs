using System.Text.Json;
using ClusterNet.Cli.Parsing;
using ClusterNet.Core.Facts;
using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using ClusterNet.Core.Policy.Queries;
using ClusterNet.Core.Queries;
using ClusterNet.Kubernetes.Files;

namespace ClusterNet.Cli.Commands.Policy;

/// <summary>
/// `clusternet reach [--manifests PATH | --kubeconfig PATH --context NAME -n NS] [--probe PORT/PROTO]... [--from NS/POD]
/// [--to NS/POD] --format json|table [--with FILE]... [--without NS/NAME|KIND/NAME]...`: NetworkPolicy reachability for every
/// (from, to, probe).
/// </summary>
public sealed class ReachCommand : ICliCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    private static readonly ClusterRead Read = new() { Required = [ResourceKind.Pods, ResourceKind.NetworkPolicies] };

    public IReadOnlyList<string> Path => ["reach"];

    public string Summary => "NetworkPolicy reachability between pods (json or truth tables), with what-if --with/--without";

    public IReadOnlyList<CliFlag> Flags { get; } =
    [
        .. ClusterFlags.All,
        CliFlag.Value(ReachQueryParser.From, "NS/POD|IP", "only cells from this pod or address"),
        CliFlag.Value(ReachQueryParser.To, "NS/POD|IP", "only cells to this pod or address"),
        CliFlag.Repeated(ReachQueryParser.Probe, "PORT/PROTO", "port and protocol to check (default: the destinations' container ports)"),
        CliFlag.Choice("format", "output: JSON cells (default) or upstream-style truth tables", "json", "table"),
        CliFlag.Repeated("with", "FILE", "what-if: add or replace the policies in FILE first (NetworkPolicy, ClusterNetworkPolicy, ANP/BANP, Calico policies, Tiers and network sets)"),
        CliFlag.Repeated("without", "NS/NAME|KIND/NAME", "what-if: delete this policy first (KIND: ClusterNetworkPolicy, AdminNetworkPolicy, BaselineAdminNetworkPolicy, GlobalNetworkPolicy, Tier, GlobalNetworkSet; CalicoNetworkPolicy/NS/NAME, NetworkSet/NS/NAME)"),
    ];

    public async Task<int> RunAsync(CliArgs args, CliContext context)
    {
        var stderr = context.Stderr;
        var stdout = context.Stdout;
        var format = args.Choice("format", "json", "json", "table");
        var input = QueryInput.Flags([
            .. args.GetAll(ReachQueryParser.Probe).Select(v => KeyValuePair.Create(ReachQueryParser.Probe, (string?)v)),
            KeyValuePair.Create(ReachQueryParser.From, args.Get(ReachQueryParser.From)),
            KeyValuePair.Create(ReachQueryParser.To, args.Get(ReachQueryParser.To)),
        ]);
        var withFiles = args.GetAll("with");
        var without = args.GetAll("without");

        // Probes are checked before any file is read; endpoints once the pods are known.
        if (ReachQueryParser.Parse(input).Errors.FirstOrDefault(e => e.Input == input.Display(ReachQueryParser.Probe)) is { } probeError)
        {
            throw new CliUsageException(probeError.Message);
        }

        var cluster = await ClusterInput.LoadAsync(args, context, Read).ConfigureAwait(false);
        var snapshot = cluster.Snapshot;
        var edits = new List<PolicyEdit>();
        foreach (var file in withFiles)
        {
            var loaded = Load(context, file, "--with", stderr);
            var policies = loaded.Objects.OfType<NetworkPolicyInfo>().Select(PolicyEdit.Upsert)
                .Concat(loaded.Objects.OfType<ClusterPolicyInfo>().Select(PolicyEdit.Upsert))
                .Concat(loaded.Objects.OfType<CalicoPolicyInfo>().Select(PolicyEdit.Upsert))
                .Concat(loaded.Objects.OfType<CalicoTierInfo>().Select(PolicyEdit.Upsert))
                .Concat(loaded.Objects.OfType<CalicoNetworkSetInfo>().Select(PolicyEdit.Upsert)).ToList();
            if (policies.Count == 0)
            {
                throw new CliUsageException($"--with {file}: no NetworkPolicy in the file");
            }

            edits.AddRange(policies);
        }

        foreach (var key in without)
        {
            if (PolicyDeleteKey.Parse(key, out var error) is not { } delete)
            {
                throw new CliUsageException($"--without '{key}': {error}");
            }

            if (!PolicyDeleteKey.Exists(snapshot, delete, edits))
            {
                throw new CliUsageException($"--without {key}: no {PolicyDeleteKey.Describe(delete)} in {cluster.Name}");
            }

            edits.Add(delete);
        }

        snapshot = PolicyWhatIf.Apply(snapshot, edits);
        var engine = PolicyEngine.Build(snapshot);
        var parsed = ReachQueryParser.Parse(input, engine, key => $"no pod {key} in {cluster.Name}");
        if (!parsed.Ok)
        {
            throw new CliUsageException(parsed.Errors[0].Message);
        }

        var answer = ReachAnswer.Of(engine, parsed.Query! with { Edits = [.. edits] });
        if (answer.Probes.Length == 0)
        {
            stderr.WriteLine("clusternet reach: the destinations declare no container ports; pass --probe PORT/PROTO (no cells)");
        }

        if (format == "table")
        {
            // Every verdict carries the qualifier: a "denied" on flannel drops nothing.
            ReachTableWriter.Write(stdout, answer, ClusterFacts.Of(snapshot).Enforcement.Qualifier);
            return 0;
        }

        stdout.WriteLine(JsonSerializer.Serialize(new ReachOutputDto(answer.Cells()), Json));
        return 0;
    }

    private static ManifestLoadResult Load(CliContext context, string path, string flag, TextWriter stderr)
    {
        ManifestLoadResult result;
        try
        {
            result = context.ReadManifests(path, false);
        }
        catch (FileNotFoundException)
        {
            throw new CliUsageException($"{flag} {path}: no such file or directory");
        }

        foreach (var d in result.Diagnostics.Where(d => d.Severity != "error"))
        {
            stderr.WriteLine(d.ToString());
        }

        if (result.HasErrors)
        {
            throw new CliUsageException($"{flag} {path}: invalid input\n" + string.Join("\n", result.Diagnostics.Where(d => d.Severity == "error").Select(d => "  " + d)));
        }

        return result;
    }
}
