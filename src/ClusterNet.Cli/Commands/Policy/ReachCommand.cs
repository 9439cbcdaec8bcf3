using System.Text.Json;
using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using ClusterNet.Kubernetes.Files;

namespace ClusterNet.Cli.Commands.Policy;

/// <summary>
/// `clusternet reach --manifests PATH [--probe PORT/PROTO]... [--from NS/POD] [--to NS/POD] --format json|table
/// [--with FILE]... [--without NS/NAME]...`: NetworkPolicy reachability for every (from, to, probe).
/// </summary>
public sealed class ReachCommand : ICliCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };
    private readonly Func<string, ManifestLoadResult> _load;

    public ReachCommand()
        : this(LoadFromDisk)
    {
    }

    /// <summary>Tests pass a loader that maps names to objects built in C#.</summary>
    internal ReachCommand(Func<string, ManifestLoadResult> load) => _load = load;

    public IReadOnlyList<string> Path => ["reach"];

    public string Summary => "NetworkPolicy reachability between pods (json or truth tables), with what-if --with/--without";

    public int Run(CliArgs args, TextWriter stdout, TextWriter stderr)
    {
        var manifests = args.Require("manifests");
        var format = args.Choice("format", "json", "json", "table");
        var probeTexts = args.GetAll("probe");
        var fromText = args.Get("from");
        var toText = args.Get("to");
        var withFiles = args.GetAll("with");
        var without = args.GetAll("without");

        var probes = new List<ReachProbe>();
        foreach (var t in probeTexts)
        {
            if (!ReachProbe.TryParse(t, out var p, out var error))
            {
                throw new CliUsageException($"--probe {error}");
            }

            probes.Add(p);
        }

        var snapshot = Load(manifests, "--manifests", stderr).ToSnapshot(new SourceInfo("file", manifests));
        var edits = new List<PolicyEdit>();
        foreach (var file in withFiles)
        {
            var loaded = Load(file, "--with", stderr);
            var policies = loaded.Objects.OfType<NetworkPolicyInfo>().ToList();
            if (policies.Count == 0)
            {
                throw new CliUsageException($"--with {file}: no NetworkPolicy in the file");
            }

            edits.AddRange(policies.Select(PolicyEdit.Upsert));
        }

        foreach (var key in without)
        {
            var k = ObjectKey.Parse(key);
            if (k.Namespace.Length == 0 || k.Name.Length == 0)
            {
                throw new CliUsageException($"--without '{key}': expected NAMESPACE/NAME");
            }

            if (!snapshot.NetworkPolicies.ByKey.ContainsKey(k) && !edits.Any(e => e.Key == k))
            {
                throw new CliUsageException($"--without {key}: no NetworkPolicy {key} in {manifests}");
            }

            edits.Add(PolicyEdit.Delete(k));
        }

        snapshot = PolicyWhatIf.Apply(snapshot, edits);
        var engine = PolicyEngine.Build(snapshot);
        var froms = Endpoints(engine, fromText, "--from", manifests);
        var tos = Endpoints(engine, toText, "--to", manifests);
        if (probes.Count == 0)
        {
            probes.AddRange(engine.ContainerPortProbes(tos.Where(t => t.Pod is not null).Select(t => t.Pod!.Value)));
            if (probes.Count == 0)
            {
                stderr.WriteLine("clusternet reach: the destinations declare no container ports; pass --probe PORT/PROTO (no cells)");
            }
        }

        var cache = new Dictionary<(int, int, int), ReachExplanation>();
        ReachExplanation Cell(int f, int t, int p)
        {
            if (!cache.TryGetValue((f, t, p), out var e))
            {
                cache[(f, t, p)] = e = engine.Explain(froms[f], tos[t], probes[p]);
            }

            return e;
        }

        if (format == "table")
        {
            ReachTableWriter.Write(stdout, [.. froms.Select(f => f.ToString())], [.. tos.Select(t => t.ToString())], probes, Cell);
            return 0;
        }

        var cells = new List<ReachCellDto>(froms.Count * tos.Count * probes.Count);
        for (var f = 0; f < froms.Count; f++)
        {
            for (var t = 0; t < tos.Count; t++)
            {
                for (var p = 0; p < probes.Count; p++)
                {
                    var e = Cell(f, t, p);
                    cells.Add(new ReachCellDto(froms[f].ToString(), tos[t].ToString(), probes[p].Port, probes[p].Protocol, e.Allowed, e.Summary, e.Caveat));
                }
            }
        }

        stdout.WriteLine(JsonSerializer.Serialize(new ReachOutputDto(cells), Json));
        return 0;
    }

    private static ManifestLoadResult LoadFromDisk(string path) =>
        File.Exists(path) || Directory.Exists(path) ? ManifestLoader.LoadPath(path) : throw new FileNotFoundException(path);

    private ManifestLoadResult Load(string path, string flag, TextWriter stderr)
    {
        ManifestLoadResult result;
        try
        {
            result = _load(path);
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

    private static List<ReachEndpoint> Endpoints(PolicyEngine engine, string? text, string flag, string manifests)
    {
        if (text is null)
        {
            return [.. engine.Pods.Select(ReachEndpoint.OfPod)];
        }

        if (!ReachEndpoint.TryParse(text, out var e))
        {
            throw new CliUsageException($"{flag} '{text}': expected NAMESPACE/POD or an IP address");
        }

        if (e.Pod is { } key && engine.IndexOf(key) < 0)
        {
            throw new CliUsageException($"{flag} {text}: no pod {key} in {manifests}");
        }

        return [e];
    }
}
