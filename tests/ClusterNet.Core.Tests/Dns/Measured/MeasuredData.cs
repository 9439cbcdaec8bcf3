using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClusterNet.Core.Tests.Dns.Measured;

/// <summary>Reads scenarios.json and the recorded per-library results next to the test assembly.</summary>
public static class MeasuredData
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Dns", "Measured");

    /// <summary>Where recordings are written: the source folder, found from the test assembly's location.</summary>
    public static string SourceDirectory
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ClusterNet.Core.Tests.csproj")))
            {
                dir = dir.Parent;
            }

            return dir is null ? Directory : Path.Combine(dir.FullName, "Dns", "Measured");
        }
    }

    private static readonly Lazy<IReadOnlyList<MeasuredCase>> LazyCases = new(() =>
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(Directory, "scenarios.json")))!;
        return [.. root["cases"]!.AsArray().Select(c => new MeasuredCase(
            (string)c!["id"]!,
            (string)c["about"]!,
            (string)c["resolvConf"]!,
            c["answers"]!.DeepClone(),
            (string)c["name"]!,
            (string?)c["family"] ?? "unspec",
            c["compare"]?.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!) ?? new Dictionary<string, string>())
        {
            Hosts = (string?)c["hosts"],
        })];
    });

    public static IReadOnlyList<MeasuredCase> Cases => LazyCases.Value;

    public static MeasuredCase Case(string id) => Cases.Single(c => c.Id == id);

    /// <summary>Recorded results of one library version: (libc, version, runs by case id).</summary>
    public static (string Libc, string Version, IReadOnlyDictionary<string, MeasuredRun> Runs) Recorded(string fileName)
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(Directory, fileName)))!;
        var runs = new Dictionary<string, MeasuredRun>();
        foreach (var (id, node) in root["cases"]!.AsObject())
        {
            runs[id] = new MeasuredRun(
                [.. node!["queries"]!.AsArray().Select(q => new MeasuredQuery((string)q!["qname"]!, (string)q["qtype"]!, (string)q["server"]!, (string)q["transport"]!))],
                (string)node["result"]!["error"]!,
                [.. node["result"]!["addresses"]!.AsArray().Select(a => (string)a!)],
                (double)node["elapsedSeconds"]!);
        }

        return ((string)root["libc"]!, (string)root["version"]!, runs);
    }

    public static void Write(string fileName, string libc, string version, string command, IReadOnlyDictionary<string, MeasuredRun> runs)
    {
        var cases = new JsonObject();
        foreach (var c in Cases)
        {
            if (!runs.TryGetValue(c.Id, out var run))
            {
                continue;
            }

            cases[c.Id] = new JsonObject
            {
                ["queries"] = new JsonArray([.. run.Queries.Select(q => (JsonNode)new JsonObject { ["qname"] = q.Qname, ["qtype"] = q.Qtype, ["server"] = q.Server, ["transport"] = q.Transport })]),
                ["result"] = new JsonObject { ["error"] = run.Error, ["addresses"] = new JsonArray([.. run.Addresses.Select(a => (JsonNode)a)]) },
                ["elapsedSeconds"] = Math.Round(run.ElapsedSeconds, 2),
            };
        }

        var root = new JsonObject { ["libc"] = libc, ["version"] = version, ["recordedWith"] = command, ["cases"] = cases };
        File.WriteAllText(Path.Combine(SourceDirectory, fileName), root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
    }
}
