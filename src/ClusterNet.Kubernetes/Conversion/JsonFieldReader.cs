using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using ClusterNet.Core.Model;

namespace ClusterNet.Kubernetes.Conversion;

/// <summary>
/// Typed reads of fields from a generic (JSON) object. A field of the wrong type is never fatal: it is reported as a
/// diagnostic naming the object (<c>what</c>, e.g. "NetworkSet dev/partners") and the field's full path, and read as
/// absent. Every mapper of a kind KubernetesClient has no types for reads through this one class, so a given mistake
/// is worded the same way whichever kind it is made in.
/// </summary>
internal class JsonFieldReader(ICollection<SourceDiagnostic>? diagnostics, string what)
{
    /// <summary>The object as diagnostics name it.</summary>
    public string What { get; } = what;

    /// <summary>A child of an object; null when the parent is not an object, or the child is absent or JSON null.</summary>
    public static JsonElement? Child(JsonElement? parent, string name) =>
        parent is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty(name, out var child) && child.ValueKind != JsonValueKind.Null ? child : null;

    /// <summary>A value as a diagnostic quotes it: strings in quotes, objects and lists by what they are.</summary>
    public static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => $"\"{e.GetString()}\"",
        _ => e.GetRawText(),
    };

    public void Warn(string field, string message) => diagnostics?.Add(new SourceDiagnostic(SourceDiagnostic.Warning, message, Object: What, Field: field));

    public void Fail(string field, string message) => diagnostics?.Add(new SourceDiagnostic(SourceDiagnostic.Error, message, Object: What, Field: field));

    public JsonElement? Object(JsonElement? parent, string name, string? path = null)
    {
        var child = Child(parent, name);
        if (child is { ValueKind: not JsonValueKind.Object } bad)
        {
            Warn(path ?? name, $"expected an object, found {Describe(bad)}; ignored");
            return null;
        }

        return child;
    }

    /// <summary>The items of a list of the given kind (objects by default), each with its path; other items and a non-list are reported.</summary>
    public IEnumerable<(JsonElement Item, string Path)> Items(JsonElement? parent, string name, string path, JsonValueKind itemKind = JsonValueKind.Object)
    {
        switch (Child(parent, name))
        {
            case null:
                yield break;
            case { ValueKind: JsonValueKind.Array } list:
                var i = 0;
                foreach (var item in list.EnumerateArray())
                {
                    var itemPath = $"{path}[{i++}]";
                    if (item.ValueKind == itemKind)
                    {
                        yield return (item, itemPath);
                    }
                    else
                    {
                        Warn(itemPath, $"expected {(itemKind == JsonValueKind.String ? "a string" : "an object")}, found {Describe(item)}; ignored");
                    }
                }

                break;
            case { } other:
                Warn(path, $"expected a list, found {Describe(other)}; ignored");
                break;
        }
    }

    /// <summary>A list of strings; items that are not strings are reported and skipped.</summary>
    public ImmutableArray<string> Strings(JsonElement? parent, string name, string path) =>
        [.. Items(parent, name, path, JsonValueKind.String).Select(i => i.Item.GetString()!)];

    /// <summary>A string; a number or boolean is read as written (YAML turns <c>mtu: 1450</c> or <c>on</c> into them).</summary>
    public string? String(JsonElement? parent, string name, string path) => Text(parent, name, path, acceptBoolean: true);

    /// <summary>
    /// A string or a number, read as written; a boolean is reported. For Calico's fields, whose API types are strings
    /// that may be numbers (<c>protocol: 6</c>) but never booleans: there a boolean is a typo worth saying.
    /// </summary>
    public string? StringOrNumber(JsonElement? parent, string name, string path) => Text(parent, name, path, acceptBoolean: false);

    private string? Text(JsonElement? parent, string name, string path, bool acceptBoolean)
    {
        switch (Child(parent, name))
        {
            case null:
                return null;
            case { ValueKind: JsonValueKind.String } s:
                return s.GetString();
            case { ValueKind: JsonValueKind.Number } n:
                return n.GetRawText();
            case { ValueKind: JsonValueKind.True or JsonValueKind.False } b when acceptBoolean:
                return b.GetRawText();
            case { } other:
                Warn(path, $"expected a string, found {Describe(other)}; ignored");
                return null;
        }
    }

    public int? Int(JsonElement? parent, string name, string path)
    {
        switch (Child(parent, name))
        {
            case null:
                return null;
            case { ValueKind: JsonValueKind.Number } n when n.TryGetInt32(out var i):
                return i;
            case { ValueKind: JsonValueKind.String } s when int.TryParse(s.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var i):
                return i;
            case { } other:
                Warn(path, $"expected an integer, found {Describe(other)}; ignored");
                return null;
        }
    }

    /// <summary>A finite number, or a string holding one; <paramref name="ignored"/> says what absence means to the reader.</summary>
    public double? Number(JsonElement? parent, string name, string path, string ignored = "ignored")
    {
        switch (Child(parent, name))
        {
            case null:
                return null;
            case { ValueKind: JsonValueKind.Number } n when n.TryGetDouble(out var d) && double.IsFinite(d):
                return d;
            case { ValueKind: JsonValueKind.String } s when double.TryParse(s.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d):
                return d;
            case { } other:
                Warn(path, $"expected a number, found {Describe(other)}; {ignored}");
                return null;
        }
    }

    public bool? Bool(JsonElement? parent, string name, string path)
    {
        switch (Child(parent, name))
        {
            case null:
                return null;
            case { ValueKind: JsonValueKind.True }:
                return true;
            case { ValueKind: JsonValueKind.False }:
                return false;
            case { ValueKind: JsonValueKind.String } s when bool.TryParse(s.GetString(), out var b):
                return b;
            case { } other:
                Warn(path, $"expected true or false, found {Describe(other)}; ignored");
                return null;
        }
    }

    /// <summary>A map of strings (labels, annotations); a non-string value is kept as its JSON text.</summary>
    public ImmutableDictionary<string, string> StringMap(JsonElement? parent, string name, string path)
    {
        switch (Child(parent, name))
        {
            case null:
                return LabelMap.Empty;
            case { ValueKind: JsonValueKind.Object } map:
                var builder = LabelMap.Empty.ToBuilder();
                foreach (var p in map.EnumerateObject())
                {
                    builder[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() ?? "" : p.Value.GetRawText();
                }

                return builder.ToImmutable();
            case { } other:
                Warn(path, $"expected a map of strings, found {Describe(other)}; ignored");
                return LabelMap.Empty;
        }
    }
}
