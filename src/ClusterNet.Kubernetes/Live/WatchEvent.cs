using System.Text.Json;

namespace ClusterNet.Kubernetes.Live;

/// <summary>One line of a watch stream: {"type": "ADDED", "object": {...}}.</summary>
internal readonly record struct WatchEvent(string Type, JsonElement Object, string? ResourceVersion)
{
    public const string Added = "ADDED";
    public const string Modified = "MODIFIED";
    public const string Deleted = "DELETED";
    public const string Bookmark = "BOOKMARK";
    public const string Error = "ERROR";

    /// <summary>Parses one line; throws <see cref="WatchStreamException"/> naming the stream when it is not a watch event.</summary>
    public static WatchEvent Parse(string line, string path)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new WatchStreamException($"malformed watch event from {path}: {e.Message} (line starts {Preview(line)})", e);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("object", out var obj) || obj.ValueKind != JsonValueKind.Object)
            {
                throw new WatchStreamException($"malformed watch event from {path}: expected {{\"type\": string, \"object\": {{...}}}} (line starts {Preview(line)})");
            }

            string? rv = null;
            if (obj.TryGetProperty("metadata", out var meta) && meta.ValueKind == JsonValueKind.Object
                && meta.TryGetProperty("resourceVersion", out var v) && v.ValueKind == JsonValueKind.String)
            {
                rv = v.GetString();
            }

            return new WatchEvent(type.GetString()!, obj.Clone(), rv);
        }
    }

    private static string Preview(string line) => line.Length <= 80 ? $"'{line}'" : $"'{line[..80]}…'";
}
