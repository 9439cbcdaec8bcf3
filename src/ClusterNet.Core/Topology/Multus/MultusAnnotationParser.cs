using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace ClusterNet.Core.Topology.Multus;

/// <summary>
/// Parses the pod annotations Multus reads and writes. Total: bad input gives an error message (what is wrong and,
/// for JSON, where), never an exception.
/// </summary>
public static class MultusAnnotationParser
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    /// <summary>The network-status annotation: a JSON list of objects with at least "name".</summary>
    public static (ImmutableArray<NetworkStatusEntry> Entries, string? Error) ParseStatus(string json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, Options);
        }
        catch (JsonException ex)
        {
            return ([], $"invalid JSON{Where(ex)}");
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
            {
                return ([], $"expected a JSON list, found {Kind(doc.RootElement)}");
            }

            var list = new List<NetworkStatusEntry>();
            var i = 0;
            foreach (var e in doc.RootElement.EnumerateArray())
            {
                if (e.ValueKind != JsonValueKind.Object || Str(e, "name") is not { Length: > 0 } name)
                {
                    return ([], $"[{i}] is not an object with a \"name\"");
                }

                var pci = e.TryGetProperty("device-info", out var di) && di.ValueKind == JsonValueKind.Object
                    && di.TryGetProperty("pci", out var p) && p.ValueKind == JsonValueKind.Object ? Str(p, "pci-address") : null;
                list.Add(new NetworkStatusEntry
                {
                    Name = name,
                    Interface = Str(e, "interface"),
                    Ips = e.TryGetProperty("ips", out var ips) && ips.ValueKind == JsonValueKind.Array
                        ? [.. ips.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!)]
                        : [],
                    Mac = Str(e, "mac"),
                    Default = e.TryGetProperty("default", out var d) && d.ValueKind == JsonValueKind.True,
                    PciAddress = pci,
                    Mtu = e.TryGetProperty("mtu", out var m) && m.ValueKind == JsonValueKind.Number && m.TryGetInt32(out var mtu) ? mtu : null,
                });
                i++;
            }

            return ([.. list], null);
        }
    }

    /// <summary>The networks annotation: "a, ns/b@net2" or a JSON list of {name, namespace, interface}.</summary>
    public static (ImmutableArray<NetworkSelection> Selections, string? Error) ParseRequest(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith('['))
        {
            try
            {
                using var doc = JsonDocument.Parse(trimmed, Options);
                var list = new List<NetworkSelection>();
                var i = 0;
                foreach (var e in doc.RootElement.EnumerateArray())
                {
                    if (e.ValueKind != JsonValueKind.Object || Str(e, "name") is not { Length: > 0 } name)
                    {
                        return ([], $"[{i}] is not an object with a \"name\"");
                    }

                    list.Add(new NetworkSelection(Str(e, "namespace"), name, Str(e, "interface")));
                    i++;
                }

                return ([.. list], null);
            }
            catch (JsonException ex)
            {
                return ([], $"invalid JSON{Where(ex)}");
            }
        }

        var result = new List<NetworkSelection>();
        foreach (var part in trimmed.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var at = part.IndexOf('@', StringComparison.Ordinal);
            var iface = at >= 0 ? part[(at + 1)..] : null;
            var reference = at >= 0 ? part[..at] : part;
            var slash = reference.IndexOf('/', StringComparison.Ordinal);
            var ns = slash >= 0 ? reference[..slash] : null;
            var name = slash >= 0 ? reference[(slash + 1)..] : reference;
            if (name.Length == 0 || ns is { Length: 0 } || iface is { Length: 0 } || name.Contains('/', StringComparison.Ordinal))
            {
                return ([], $"\"{part}\" is not NAME, NAMESPACE/NAME or NAME@INTERFACE");
            }

            result.Add(new NetworkSelection(ns, name, iface));
        }

        return ([.. result], null);
    }

    private static string Where(JsonException ex) =>
        ex.LineNumber is { } l ? $" at line {(l + 1).ToString(CultureInfo.InvariantCulture)}, column {((ex.BytePositionInLine ?? 0) + 1).ToString(CultureInfo.InvariantCulture)}" : "";

    private static string Kind(JsonElement e) => e.ValueKind.ToString().ToLowerInvariant();

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
