namespace ClusterNet.Kubernetes.Files;

/// <summary>
/// A parsed YAML/JSON node that remembers where it was written. Our own tree (not YamlDotNet's
/// RepresentationModel) so that depth and alias expansion are bounded while it is built and so that
/// error paths from deserialization can be mapped back to a line.
/// </summary>
internal abstract class ManifestNode(int line, int column)
{
    public int Line { get; } = line;

    public int Column { get; } = column;

    /// <summary>Number of nodes this one stands for once aliases are expanded (itself included).</summary>
    public long ExpandedSize { get; set; } = 1;

    public abstract string Describe();
}

internal sealed class ManifestScalar(string value, ManifestScalarKind kind, int line, int column) : ManifestNode(line, column)
{
    public string Value { get; } = value;

    /// <summary>Quoted or tagged !!str scalars are always strings; plain ones are typed like YAML 1.1 (what kubectl uses).</summary>
    public ManifestScalarKind Kind { get; } = kind;

    public override string Describe() => Kind switch
    {
        ManifestScalarKind.String => $"string \"{Shorten(Value)}\"",
        _ when ManifestScalarTyping.IsNull(Value) => "null",
        _ => $"\"{Shorten(Value)}\"",
    };

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";
}

internal enum ManifestScalarKind
{
    /// <summary>Plain scalar: null, bool, number or string depending on its text.</summary>
    Plain,
    /// <summary>Quoted, block (| >) or !!str: always a string.</summary>
    String,
}

internal sealed class ManifestSequence(int line, int column) : ManifestNode(line, column)
{
    public List<ManifestNode> Items { get; } = [];

    public override string Describe() => "a list";
}

internal sealed class ManifestMapping(int line, int column) : ManifestNode(line, column)
{
    public List<ManifestEntry> Entries { get; } = [];

    public ManifestNode? Get(string key)
    {
        // Last one wins, as with kubectl's YAML-to-JSON conversion; duplicates are reported when parsed.
        for (var i = Entries.Count - 1; i >= 0; i--)
        {
            if (Entries[i].Key == key)
            {
                return Entries[i].Value;
            }
        }

        return null;
    }

    public void Set(string key, ManifestNode value, int line, int column)
    {
        for (var i = Entries.Count - 1; i >= 0; i--)
        {
            if (Entries[i].Key == key)
            {
                Entries[i] = Entries[i] with { Value = value };
                return;
            }
        }

        Entries.Add(new ManifestEntry(key, value, line, column));
    }

    public bool Remove(string key) => Entries.RemoveAll(e => e.Key == key) > 0;

    public override string Describe() => "an object";
}

/// <summary>A mapping entry; Line/Column are the key's position.</summary>
internal sealed record ManifestEntry(string Key, ManifestNode Value, int Line, int Column);
