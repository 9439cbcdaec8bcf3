using System.Text;
using System.Text.Json;
using ClusterNet.Core.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ClusterNet.Kubernetes.Files;

/// <summary>
/// Splits a file's text into documents and parses each into a <see cref="ManifestNode"/> tree. YAML is split at
/// "---" lines before parsing so a syntax error only loses its own document; JSON text (kubectl -o json,
/// kubectl cluster-info dump) is split into top-level values, skipping the dump's log sections.
/// </summary>
internal static class ManifestTextReader
{
    private const string StartLogs = "==== START logs";
    private const string EndLogs = "==== END logs";

    public static List<ManifestDocument> Read(string text, string file, ICollection<SourceDiagnostic> diagnostics)
    {
        var documents = new List<ManifestDocument>();
        if (text.StartsWith('\uFEFF'))
        {
            // YamlDotNet does not skip a byte order mark inside a string (File.ReadAllText does, LoadText callers may not).
            text = text[1..];
        }

        if (LooksLikeJson(text, file))
        {
            var jsonDiagnostics = new List<SourceDiagnostic>();
            ReadJsonValues(text, file, documents, jsonDiagnostics);
            var firstFailed = jsonDiagnostics.Count > 0 && jsonDiagnostics[0].Document == 1 && jsonDiagnostics[0].Message.StartsWith("malformed JSON", StringComparison.Ordinal);
            if (!firstFailed || file.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var d in jsonDiagnostics)
                {
                    diagnostics.Add(d);
                }

                return documents;
            }

            // A YAML file that starts with a flow mapping ({a: 1}) is not JSON: read it as YAML.
            documents.Clear();
        }

        ReadYamlDocuments(text, file, documents, diagnostics);
        return documents;
    }

    private static bool LooksLikeJson(string text, string file)
    {
        foreach (var c in text)
        {
            if (c is '\uFEFF' || char.IsWhiteSpace(c))
            {
                continue;
            }

            return c is '{' or '[' || (c == '=' && text.AsSpan().TrimStart().StartsWith(StartLogs, StringComparison.Ordinal));
        }

        return file.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
    }

    private static void ReadYamlDocuments(string text, string file, List<ManifestDocument> documents, ICollection<SourceDiagnostic> diagnostics)
    {
        var chunkStart = 0;
        var chunkLine = 1;
        var line = 1;
        var position = 0;
        while (position <= text.Length)
        {
            var end = text.IndexOf('\n', position);
            var lineEnd = end < 0 ? text.Length : end;
            if (position > chunkStart && IsDocumentStart(text.AsSpan(position, lineEnd - position)))
            {
                ParseYaml(text.AsSpan(chunkStart, position - chunkStart), chunkLine, 0, file, documents, diagnostics);
                chunkStart = position;
                chunkLine = line;
            }

            if (end < 0)
            {
                break;
            }

            position = end + 1;
            line++;
        }

        ParseYaml(text.AsSpan(chunkStart), chunkLine, 0, file, documents, diagnostics);
    }

    private static bool IsDocumentStart(ReadOnlySpan<char> line) =>
        line.StartsWith("---", StringComparison.Ordinal) && (line.Length == 3 || line[3] is ' ' or '\t' or '\r');

    private static void ReadJsonValues(string text, string file, List<ManifestDocument> documents, ICollection<SourceDiagnostic> diagnostics)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var lines = new LineIndex(bytes);
        var options = new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, AllowMultipleValues = true, MaxDepth = ManifestLimits.MaxDepth };
        var position = 0;
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
            position = 3;
        }

        while (true)
        {
            position = SkipWhitespace(bytes, position);
            if (position >= bytes.Length)
            {
                return;
            }

            var (line, column) = lines.Locate(position);
            if (bytes[position] == (byte)'=' && StartsWith(bytes, position, StartLogs))
            {
                // cluster-info dump interleaves container logs between markers; they are not objects.
                position = SkipLogSection(bytes, position);
                continue;
            }

            if (bytes[position] is not ((byte)'{' or (byte)'['))
            {
                diagnostics.Add(new SourceDiagnostic("error", "text that is neither JSON nor a cluster-info dump log section; skipped to the next line starting with '{'", file, documents.Count + 1, line, column));
                position = NextObjectLine(bytes, position);
                continue;
            }

            var reader = new Utf8JsonReader(bytes.AsSpan(position), options);
            int length;
            try
            {
                reader.Read();
                reader.Skip();
                length = (int)reader.BytesConsumed;
            }
            catch (JsonException ex)
            {
                var errorLine = line + (int)(ex.LineNumber ?? 0);
                var errorColumn = (int)(ex.BytePositionInLine ?? 0) + 1 + (ex.LineNumber is 0 or null ? column - 1 : 0);
                diagnostics.Add(new SourceDiagnostic("error", "malformed JSON: " + CleanJsonMessage(ex.Message), file, documents.Count + 1, errorLine, errorColumn));
                // Count the broken value as a document so later indexes match what the user sees.
                documents.Add(new ManifestDocument(documents.Count + 1, line, null));
                position = NextObjectLine(bytes, position + 1);
                continue;
            }

            var chunk = Encoding.UTF8.GetString(bytes, position, length);
            ParseYaml(chunk, line, column - 1, file, documents, diagnostics);
            position += length;
        }
    }

    private static string CleanJsonMessage(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd(' ', '|', '.') + ".";
    }

    private static int SkipWhitespace(byte[] bytes, int position)
    {
        while (position < bytes.Length && bytes[position] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            position++;
        }

        return position;
    }

    private static bool StartsWith(byte[] bytes, int position, string ascii)
    {
        if (position + ascii.Length > bytes.Length)
        {
            return false;
        }

        for (var i = 0; i < ascii.Length; i++)
        {
            if (bytes[position + i] != ascii[i])
            {
                return false;
            }
        }

        return true;
    }

    private static int SkipLogSection(byte[] bytes, int position)
    {
        var next = NextLine(bytes, position);
        while (next < bytes.Length)
        {
            if (StartsWith(bytes, next, EndLogs))
            {
                return NextLine(bytes, next);
            }

            next = NextLine(bytes, next);
        }

        return bytes.Length;
    }

    private static int NextLine(byte[] bytes, int position)
    {
        var newline = Array.IndexOf(bytes, (byte)'\n', position);
        return newline < 0 ? bytes.Length : newline + 1;
    }

    private static int NextObjectLine(byte[] bytes, int position)
    {
        var next = NextLine(bytes, position);
        while (next < bytes.Length && bytes[next] is not ((byte)'{' or (byte)'[' or (byte)'='))
        {
            next = NextLine(bytes, next);
        }

        return next;
    }

    /// <summary>Parses one chunk of YAML (or one JSON value, which is YAML flow syntax) into documents.</summary>
    private static void ParseYaml(ReadOnlySpan<char> chunk, int firstLine, int firstColumnOffset, string file, List<ManifestDocument> documents, ICollection<SourceDiagnostic> diagnostics)
    {
        var builder = new ManifestTreeBuilder(file, firstLine, firstColumnOffset, documents, diagnostics);
        builder.Parse(chunk.ToString());
    }

    /// <summary>Byte offset to 1-based line/column (columns in bytes, which equals characters for ASCII JSON).</summary>
    private sealed class LineIndex
    {
        private readonly List<int> _starts = [0];

        public LineIndex(byte[] bytes)
        {
            for (var i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] == (byte)'\n')
                {
                    _starts.Add(i + 1);
                }
            }
        }

        public (int Line, int Column) Locate(int offset)
        {
            var index = _starts.BinarySearch(offset);
            if (index < 0)
            {
                index = ~index - 1;
            }

            return (index + 1, offset - _starts[index] + 1);
        }
    }
}
