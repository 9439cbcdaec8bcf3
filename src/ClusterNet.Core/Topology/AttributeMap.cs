using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClusterNet.Core.Topology;

/// <summary>
/// A small immutable string map kept sorted by key (ordinal), for element data and labels: two arrays instead of a tree,
/// because a 10k-pod graph builds tens of thousands of them. Equality is by content. Serializes as a JSON object.
/// </summary>
[JsonConverter(typeof(AttributeMapJsonConverter))]
public sealed class AttributeMap : IReadOnlyDictionary<string, string>, IEquatable<AttributeMap>
{
    public static AttributeMap Empty { get; } = new([], []);

    private readonly string[] _keys;
    private readonly string[] _values;

    private AttributeMap(string[] keys, string[] values)
    {
        _keys = keys;
        _values = values;
    }

    /// <summary>Pairs with a null value are left out; a repeated key keeps the last value.</summary>
    public static AttributeMap Of(params ReadOnlySpan<(string Key, string? Value)> pairs)
    {
        var count = 0;
        foreach (var p in pairs)
        {
            if (p.Value is not null)
            {
                count++;
            }
        }

        if (count == 0)
        {
            return Empty;
        }

        var keys = new string[count];
        var values = new string[count];
        var i = 0;
        foreach (var p in pairs)
        {
            if (p.Value is not null)
            {
                keys[i] = p.Key;
                values[i++] = p.Value;
            }
        }

        return Sorted(keys, values);
    }

    public static AttributeMap From(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var list = pairs as ICollection<KeyValuePair<string, string>> ?? [.. pairs];
        if (list.Count == 0)
        {
            return Empty;
        }

        var keys = new string[list.Count];
        var values = new string[list.Count];
        var i = 0;
        foreach (var (k, v) in list)
        {
            keys[i] = k;
            values[i++] = v;
        }

        return Sorted(keys, values);
    }

    private static AttributeMap Sorted(string[] keys, string[] values)
    {
        Array.Sort(keys, values, StringComparer.Ordinal);
        var n = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            if (n > 0 && string.Equals(keys[n - 1], keys[i], StringComparison.Ordinal))
            {
                values[n - 1] = values[i];
                continue;
            }

            keys[n] = keys[i];
            values[n++] = values[i];
        }

        return n == keys.Length ? new AttributeMap(keys, values) : new AttributeMap(keys[..n], values[..n]);
    }

    public int Count => _keys.Length;

    public IEnumerable<string> Keys => _keys;

    public IEnumerable<string> Values => _values;

    public string this[string key] => TryGetValue(key, out var v) ? v : throw new KeyNotFoundException(key);

    public bool ContainsKey(string key) => Array.BinarySearch(_keys, key, StringComparer.Ordinal) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        var i = Array.BinarySearch(_keys, key, StringComparer.Ordinal);
        value = i >= 0 ? _values[i] : null;
        return i >= 0;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            yield return new KeyValuePair<string, string>(_keys[i], _values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(AttributeMap? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other._keys.Length != _keys.Length)
        {
            return false;
        }

        for (var i = 0; i < _keys.Length; i++)
        {
            if (!string.Equals(_keys[i], other._keys[i], StringComparison.Ordinal) || !string.Equals(_values[i], other._values[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as AttributeMap);

    public override int GetHashCode()
    {
        var h = new HashCode();
        for (var i = 0; i < _keys.Length; i++)
        {
            h.Add(_keys[i]);
            h.Add(_values[i]);
        }

        return h.ToHashCode();
    }

    public override string ToString() => "{" + string.Join(", ", this.Select(kv => $"{kv.Key}={kv.Value}")) + "}";

    private sealed class AttributeMapJsonConverter : JsonConverter<AttributeMap>
    {
        public override AttributeMap Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            From(JsonSerializer.Deserialize<Dictionary<string, string>>(ref reader, options) ?? []);

        public override void Write(Utf8JsonWriter writer, AttributeMap value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            for (var i = 0; i < value._keys.Length; i++)
            {
                writer.WriteString(value._keys[i], value._values[i]);
            }

            writer.WriteEndObject();
        }
    }
}
