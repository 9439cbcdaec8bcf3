using System.Text;
using System.Text.Json;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;

namespace ClusterNet.Core.ClientIp;

/// <summary>
/// Builds the YAML patches and matching `kubectl patch --type merge` commands the fixes carry. Values are always
/// double-quoted strings except where Kubernetes needs another type (numbers are written as given).
/// </summary>
internal static class ClientIpPatches
{
    /// <summary>A merge patch for a Service: annotations to set and spec fields (string values).</summary>
    public static (string Yaml, string Command) Service(string ns, string name, IReadOnlyList<(string Key, string Value)>? annotations = null, IReadOnlyList<(string Key, string Value)>? spec = null)
    {
        var yaml = new StringBuilder();
        yaml.Append("apiVersion: v1\nkind: Service\nmetadata:\n");
        yaml.Append(CultureLine($"  name: {name}\n  namespace: {ns}\n"));
        var patch = new JsonObject();
        if (annotations is { Count: > 0 })
        {
            yaml.Append("  annotations:\n");
            var a = new JsonObject();
            foreach (var (k, v) in annotations)
            {
                yaml.Append(CultureLine($"    {k}: {Quote(v)}\n"));
                a[k] = v;
            }

            patch["metadata"] = new JsonObject { ["annotations"] = a };
        }

        if (spec is { Count: > 0 })
        {
            yaml.Append("spec:\n");
            var s = new JsonObject();
            foreach (var (k, v) in spec)
            {
                yaml.Append(CultureLine($"  {k}: {v}\n"));
                s[k] = v;
            }

            patch["spec"] = s;
        }

        return (yaml.ToString(), $"kubectl -n {ns} patch service {name} --type merge -p '{patch.ToJsonString(Json)}'");
    }

    /// <summary>A merge patch for a ConfigMap's data keys.</summary>
    public static (string Yaml, string Command) ConfigMap(string ns, string name, IReadOnlyList<(string Key, string Value)> data)
    {
        var yaml = new StringBuilder();
        yaml.Append("apiVersion: v1\nkind: ConfigMap\nmetadata:\n");
        yaml.Append(CultureLine($"  name: {name}\n  namespace: {ns}\ndata:\n"));
        var d = new JsonObject();
        foreach (var (k, v) in data)
        {
            yaml.Append(CultureLine($"  {k}: {Quote(v)}\n"));
            d[k] = v;
        }

        var patch = new JsonObject { ["data"] = d };
        return (yaml.ToString(), $"kubectl -n {ns} patch configmap {name} --type merge -p '{patch.ToJsonString(Json)}'");
    }

    /// <summary>
    /// A topology spread constraint on a workload's pod template, so every node gets a replica. Labels that change per
    /// release (<see cref="StablePodLabels"/>) are left out: a constraint selecting on them would stop matching the
    /// pods of the next rollout.
    /// </summary>
    public static (string Yaml, string Command) SpreadAcrossNodes(string kind, string ns, string name, IReadOnlyDictionary<string, string> podLabels)
    {
        var labels = podLabels.Where(kv => !StablePodLabels.IsVolatile(kv.Key)).OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        var yaml = new StringBuilder();
        yaml.Append(CultureLine($"apiVersion: apps/v1\nkind: {kind}\nmetadata:\n  name: {name}\n  namespace: {ns}\nspec:\n  template:\n    spec:\n      topologySpreadConstraints:\n"));
        yaml.Append("      - maxSkew: 1\n        topologyKey: kubernetes.io/hostname\n        whenUnsatisfiable: ScheduleAnyway\n        labelSelector:\n          matchLabels:\n");
        var match = new JsonObject();
        foreach (var (k, v) in labels)
        {
            yaml.Append(CultureLine($"            {k}: {Quote(v)}\n"));
            match[k] = v;
        }

        var patch = new JsonObject
        {
            ["spec"] = new JsonObject
            {
                ["template"] = new JsonObject
                {
                    ["spec"] = new JsonObject
                    {
                        ["topologySpreadConstraints"] = new JsonArray(new JsonObject
                        {
                            ["maxSkew"] = 1,
                            ["topologyKey"] = "kubernetes.io/hostname",
                            ["whenUnsatisfiable"] = "ScheduleAnyway",
                            ["labelSelector"] = new JsonObject { ["matchLabels"] = match },
                        }),
                    },
                },
            },
        };
        return (yaml.ToString(), $"kubectl -n {ns} patch {kind.ToLowerInvariant()} {name} --type merge -p '{patch.ToJsonString(Json)}'");
    }

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Quote(string value) => JsonSerializer.Serialize(value, Json);

    private static string CultureLine(FormattableString s) => s.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
