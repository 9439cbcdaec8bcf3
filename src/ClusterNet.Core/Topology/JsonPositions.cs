using System.Text;
using System.Text.Json;

namespace ClusterNet.Core.Topology;

/// <summary>
/// Line/column of every property name in a (valid) JSON text, keyed by dotted path compared case-insensitively,
/// so field errors can point at the line the user has to edit.
/// </summary>
internal sealed class JsonPositions
{
    private readonly Dictionary<string, (int Line, int Column)> _positions = new(StringComparer.OrdinalIgnoreCase);

    public JsonPositions(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                lineStarts.Add(i + 1);
            }
        }

        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var path = new Stack<string>();
        string? pending = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var name = reader.GetString() ?? "";
                        var full = path.Count == 0 ? name : $"{string.Join('.', path.Reverse())}.{name}";
                        var offset = (int)reader.TokenStartIndex;
                        var lineIndex = lineStarts.BinarySearch(offset);
                        if (lineIndex < 0)
                        {
                            lineIndex = ~lineIndex - 1;
                        }

                        var lineStart = lineStarts[lineIndex];
                        var column = Encoding.UTF8.GetCharCount(bytes, lineStart, offset - lineStart);
                        _positions.TryAdd(full, (lineIndex + 1, column + 1));
                        pending = name;
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        if (pending is not null)
                        {
                            path.Push(pending);
                        }
                        else
                        {
                            path.Push("");
                        }

                        pending = null;
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        if (path.Count > 0)
                        {
                            path.Pop();
                        }

                        break;
                    default:
                        pending = null;
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Positions are a nicety; a text that fails here has already been reported as a syntax error.
        }
    }

    public bool TryGet(string path, out int line, out int column)
    {
        // The root object pushes an empty segment; strip it from stored keys lazily by trying both forms.
        if (_positions.TryGetValue("." + path, out var p) || _positions.TryGetValue(path, out p))
        {
            (line, column) = p;
            return true;
        }

        line = column = 0;
        return false;
    }
}
