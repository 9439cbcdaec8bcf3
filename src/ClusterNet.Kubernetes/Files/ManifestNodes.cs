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
    /// <summary>Below this many keys a scan is cheaper than a dictionary (most Kubernetes mappings hold a handful).</summary>
    private const int IndexThreshold = 8;

    private readonly List<ManifestEntry> _entries = [];

    // Key → position in _entries, built once the mapping grows past IndexThreshold: a linear lookup per key made a
    // mapping of n keys cost n²/2 comparisons (a 1 MiB body of ~95k keys: billions).
    private Dictionary<string, int>? _index;

    /// <summary>Entries in the order written; each key once (a repeated key replaced the earlier value).</summary>
    public IReadOnlyList<ManifestEntry> Entries => _entries;

    public ManifestNode? Get(string key) => IndexOf(key) is var i and >= 0 ? _entries[i].Value : null;

    /// <summary>Adds the entry, or replaces the value of the same key (last one wins, as with kubectl's YAML-to-JSON conversion).</summary>
    public void Add(ManifestEntry entry)
    {
        var i = IndexOf(entry.Key);
        if (i >= 0)
        {
            _entries[i] = entry;
            return;
        }

        _entries.Add(entry);
        if (_index is not null)
        {
            _index[entry.Key] = _entries.Count - 1;
        }
        else if (_entries.Count > IndexThreshold)
        {
            _index = new Dictionary<string, int>(_entries.Count * 2, StringComparer.Ordinal);
            for (var j = 0; j < _entries.Count; j++)
            {
                _index[_entries[j].Key] = j;
            }
        }
    }

    public void Set(string key, ManifestNode value, int line, int column)
    {
        var i = IndexOf(key);
        if (i >= 0)
        {
            _entries[i] = _entries[i] with { Value = value };
            return;
        }

        Add(new ManifestEntry(key, value, line, column));
    }

    /// <summary>Rare (version conversions of small mappings), so the index is simply rebuilt.</summary>
    public bool Remove(string key)
    {
        var i = IndexOf(key);
        if (i < 0)
        {
            return false;
        }

        _entries.RemoveAt(i);
        if (_index is not null)
        {
            _index.Clear();
            for (var j = 0; j < _entries.Count; j++)
            {
                _index[_entries[j].Key] = j;
            }
        }

        return true;
    }

    private int IndexOf(string key)
    {
        if (_index is not null)
        {
            return _index.TryGetValue(key, out var i) ? i : -1;
        }

        for (var i = 0; i < _entries.Count; i++)
        {
            if (_entries[i].Key == key)
            {
                return i;
            }
        }

        return -1;
    }

    public override string Describe() => "an object";
}

/// <summary>A mapping entry; Line/Column are the key's position.</summary>
internal sealed record ManifestEntry(string Key, ManifestNode Value, int Line, int Column);
