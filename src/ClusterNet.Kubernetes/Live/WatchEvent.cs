using System.Text;
using System.Text.Json;

namespace ClusterNet.Kubernetes.Live;

/// <summary>
/// One line of a watch stream: {"type": "ADDED", "object": {...}}. The object stays as its UTF-8 JSON, decoded once
/// by the stream's reader (no document of the event).
/// </summary>
internal readonly record struct WatchEvent(string Type, ReadOnlyMemory<byte> Object, string? ResourceVersion)
{
    public const string Added = "ADDED";
    public const string Modified = "MODIFIED";
    public const string Deleted = "DELETED";
    public const string Bookmark = "BOOKMARK";
    public const string Error = "ERROR";

    /// <summary>Parses one line; throws <see cref="WatchStreamException"/> naming the stream when it is not a watch event.</summary>
    public static WatchEvent Parse(string line, string path)
    {
        var utf8 = Encoding.UTF8.GetBytes(line);
        string? type = null;
        ReadOnlyMemory<byte>? obj = null;
        var shaped = false;
        try
        {
            var reader = new Utf8JsonReader(utf8);
            if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                shaped = true;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isType = reader.ValueTextEquals("type"u8);
                    var isObject = !isType && reader.ValueTextEquals("object"u8);
                    reader.Read();
                    if (isType)
                    {
                        type = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    }

                    var start = (int)reader.TokenStartIndex;
                    var objectValue = reader.TokenType == JsonTokenType.StartObject;
                    reader.Skip();
                    if (isObject)
                    {
                        // (Not a conditional expression: null would become an empty Memory through the array conversion.)
                        obj = null;
                        if (objectValue)
                        {
                            obj = utf8.AsMemory(start, (int)reader.BytesConsumed - start);
                        }
                    }
                }
            }
            else
            {
                reader.Skip();
            }

            // Only white space may follow the event (the reader throws on anything else, as a document parse would).
            while (reader.Read())
            {
                reader.Skip();
            }
        }
        catch (JsonException e)
        {
            throw new WatchStreamException($"malformed watch event from {path}: {e.Message} (line starts {Preview(line)})", e);
        }

        if (!shaped || type is null || obj is not { } value)
        {
            throw new WatchStreamException($"malformed watch event from {path}: expected {{\"type\": string, \"object\": {{...}}}} (line starts {Preview(line)})");
        }

        return new WatchEvent(type, value, ResourceVersionOf(value.Span));
    }

    /// <summary>object.metadata.resourceVersion when it is a string (the API server writes metadata near the start).</summary>
    private static string? ResourceVersionOf(ReadOnlySpan<byte> obj)
    {
        var reader = new Utf8JsonReader(obj);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isMetadata = reader.ValueTextEquals("metadata"u8);
            reader.Read();
            if (!isMetadata || reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isVersion = reader.ValueTextEquals("resourceVersion"u8);
                reader.Read();
                if (isVersion)
                {
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }

                reader.Skip();
            }

            return null;
        }

        return null;
    }

    private static string Preview(string line) => line.Length <= 80 ? $"'{line}'" : $"'{line[..80]}…'";
}
