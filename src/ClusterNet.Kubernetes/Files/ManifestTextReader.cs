using System.Text;
using System.Text.Json;
using ClusterNet.Core.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ClusterNet.Kubernetes.Files;

/// <summary>
/// Splits a file's text into documents and parses each into a <see cref="ManifestNode"/> tree. YAML is split at
/// "---" lines before parsing so a syntax error only loses its own document; a document that starts with { or [ is read
/// as JSON, split into top-level values (a JSON stream, kubectl -o json); kubectl cluster-info dump is read as JSON
/// throughout, skipping its log sections.
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

        if (LooksLikeJson(text, file) && text.Contains(StartLogs, StringComparison.Ordinal))
        {
            // A cluster-info dump's log sections may hold "---" lines of their own: never split it at them.
            ReadChunk(text, 1, file, documents, diagnostics);
            return documents;
        }

        // kubectl splits at "---" lines first and then decides per document whether it is JSON or YAML, so a
        // multi-document file may mix JSON objects, JSON streams and YAML.
        foreach (var (chunk, line) in SplitDocuments(text))
        {
            ReadChunk(chunk, line, file, documents, diagnostics);
        }

        return documents;
    }

    private static void ReadChunk(string chunk, int firstLine, string file, List<ManifestDocument> documents, ICollection<SourceDiagnostic> diagnostics)
    {
        var (body, bodyLine) = AfterSeparator(chunk, firstLine);
        if (LooksLikeJson(body, file))
        {
            var jsonDiagnostics = new List<SourceDiagnostic>();
            var before = documents.Count;
            ReadJsonValues(body, bodyLine, file, documents, jsonDiagnostics);
            var firstFailed = jsonDiagnostics.Count > 0 && jsonDiagnostics[0].Document == before + 1 && jsonDiagnostics[0].Message.StartsWith("malformed JSON", StringComparison.Ordinal);
            if (!firstFailed || file.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var d in jsonDiagnostics)
                {
                    diagnostics.Add(d);
                }

                return;
            }

            // A YAML document that starts with a flow mapping ({a: 1}) is not JSON: read it as YAML.
            documents.RemoveRange(before, documents.Count - before);
        }

        ParseYaml(chunk, firstLine, 0, file, documents, diagnostics);
    }

    /// <summary>The chunk without its leading "---" line (when it has one), and the line the rest starts on.</summary>
    private static (string Body, int Line) AfterSeparator(string chunk, int firstLine)
    {
        var end = chunk.IndexOf('\n');
        var first = end < 0 ? chunk : chunk[..end];
        return IsDocumentStart(first) && first[3..].Trim().Length == 0
            ? (end < 0 ? "" : chunk[(end + 1)..], firstLine + 1)
            : (chunk, firstLine);
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

    /// <summary>Chunks of text between "---" lines (each but the first starting with its "---" line), with their first line.</summary>
    private static List<(string Chunk, int Line)> SplitDocuments(string text)
    {
        var chunks = new List<(string, int)>();
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
                chunks.Add((text[chunkStart..position], chunkLine));
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

        chunks.Add((text[chunkStart..], chunkLine));
        return chunks;
    }

    private static bool IsDocumentStart(ReadOnlySpan<char> line) =>
        line.StartsWith("---", StringComparison.Ordinal) && (line.Length == 3 || line[3] is ' ' or '\t' or '\r');

    private static void ReadJsonValues(string text, int firstLine, string file, List<ManifestDocument> documents, ICollection<SourceDiagnostic> diagnostics)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var lines = new LineIndex(bytes, firstLine);
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
    private static void ParseYaml(string chunk, int firstLine, int firstColumnOffset, string file, List<ManifestDocument> documents, ICollection<SourceDiagnostic> diagnostics)
    {
        var builder = new ManifestTreeBuilder(file, firstLine, firstColumnOffset, documents, diagnostics);
        builder.Parse(chunk);
    }

    /// <summary>Byte offset to 1-based line/column (columns in bytes, which equals characters for ASCII JSON).</summary>
    private sealed class LineIndex
    {
        private readonly List<int> _starts = [0];
        private readonly int _firstLine;

        public LineIndex(byte[] bytes, int firstLine)
        {
            _firstLine = firstLine;
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

            return (index + _firstLine, offset - _starts[index] + 1);
        }
    }
}
