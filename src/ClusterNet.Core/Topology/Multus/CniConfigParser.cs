using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace ClusterNet.Core.Topology.Multus;

/// <summary>
/// Reads a NetworkAttachmentDefinition's <c>spec.config</c> (a CNI config or conflist as a JSON string). Pure and
/// total: any input gives a summary or an error message with the line and column of bad JSON.
/// </summary>
public static class CniConfigParser
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 };

    public static CniConfigResult Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            // Multus then reads the config from a file named like the NAD on the node: nothing to show from the API.
            return new CniConfigResult(null, "spec.config is empty: the CNI config is in a file on the nodes (not visible in the API)");
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, Options);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } l ? $" at line {l + 1}, column {(ex.BytePositionInLine ?? 0) + 1}" : "";
            return new CniConfigResult(null, $"invalid JSON{where}: {FirstSentence(ex.Message)}");
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new CniConfigResult(null, $"expected a JSON object, found {root.ValueKind.ToString().ToLowerInvariant()}");
            }

            var plugin = root;
            if (root.TryGetProperty("plugins", out var plugins))
            {
                if (plugins.ValueKind != JsonValueKind.Array || plugins.GetArrayLength() == 0 || plugins[0].ValueKind != JsonValueKind.Object)
                {
                    return new CniConfigResult(null, "\"plugins\" is not a non-empty list of objects");
                }

                plugin = plugins[0];
            }

            var type = Str(plugin, "type");
            if (string.IsNullOrEmpty(type))
            {
                return new CniConfigResult(null, "no \"type\": the CNI plugin is not named");
            }

            var ipam = plugin.TryGetProperty("ipam", out var i) && i.ValueKind == JsonValueKind.Object ? i : (JsonElement?)null;
            return new CniConfigResult(new CniConfigSummary
            {
                Type = type,
                Name = Str(root, "name") ?? Str(plugin, "name"),
                Master = Str(plugin, "master") ?? Str(plugin, "device") ?? Str(plugin, "bridge"),
                Mode = Str(plugin, "mode") ?? type switch { "macvlan" => "bridge", "ipvlan" => "l2", _ => null },
                Mtu = Int(plugin, "mtu"),
                Vlan = Int(plugin, "vlan"),
                IpamType = ipam is { } ip ? Str(ip, "type") : null,
                IpamRanges = ipam is { } ip2 ? Ranges(ip2) : [],
            }, null);
        }
    }

    private static ImmutableArray<string> Ranges(JsonElement ipam)
    {
        var list = new List<string>();
        if (Str(ipam, "subnet") is { } subnet)
        {
            list.Add(subnet);
        }

        if (Str(ipam, "range") is { } range)
        {
            list.Add(range);
        }

        if (ipam.TryGetProperty("ranges", out var ranges) && ranges.ValueKind == JsonValueKind.Array)
        {
            foreach (var set in ranges.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Array))
            {
                foreach (var r in set.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.Object))
                {
                    if (Str(r, "subnet") is { } s)
                    {
                        list.Add(s);
                    }
                }
            }
        }

        if (ipam.TryGetProperty("addresses", out var addresses) && addresses.ValueKind == JsonValueKind.Array)
        {
            foreach (var a in addresses.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.Object))
            {
                if (Str(a, "address") is { } s)
                {
                    list.Add(s);
                }
            }
        }

        return [.. list];
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n
        : e.TryGetProperty(name, out var s) && s.ValueKind == JsonValueKind.String && int.TryParse(s.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m
        : null;

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.');
    }
}
