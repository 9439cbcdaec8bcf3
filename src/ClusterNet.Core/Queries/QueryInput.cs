namespace ClusterNet.Core.Queries;

/// <summary>
/// Named inputs as any front end has them: URL query parameters, REST query/body fields, CLI flags. A query parser reads
/// only this, so the page, the endpoint and the command parse a question the same way. <see cref="Display"/> names an
/// input in messages the way its caller wrote it ("--probe" for the CLI, "probe" for URLs).
/// </summary>
public sealed class QueryInput
{
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _values;
    private readonly Func<string, string> _display;

    private QueryInput(IReadOnlyDictionary<string, IReadOnlyList<string>> values, Func<string, string> display)
    {
        _values = values;
        _display = display;
    }

    /// <summary>URL or REST query parameters: inputs are named as they are.</summary>
    public static QueryInput Parameters(IEnumerable<KeyValuePair<string, string?>> pairs) => Build(pairs, n => n);

    /// <summary>CLI flags: inputs are named "--name" in messages.</summary>
    public static QueryInput Flags(IEnumerable<KeyValuePair<string, string?>> pairs) => Build(pairs, n => "--" + n);

    private static QueryInput Build(IEnumerable<KeyValuePair<string, string?>> pairs, Func<string, string> display)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (k, v) in pairs)
        {
            if (v is null)
            {
                continue;
            }

            if (!values.TryGetValue(k, out var list))
            {
                values[k] = list = [];
            }

            list.Add(v);
        }

        return new QueryInput(values.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value, StringComparer.Ordinal), display);
    }

    /// <summary>The last value given (flags and parameters given twice: the last wins), or null.</summary>
    public string? Get(string name) => _values.TryGetValue(name, out var v) && v.Count > 0 ? v[^1] : null;

    public IReadOnlyList<string> GetAll(string name) => _values.TryGetValue(name, out var v) ? v : [];

    public bool Has(string name) => _values.ContainsKey(name);

    public string Display(string name) => _display(name);

    public QueryError Error(string name, string message) => new(Display(name), message);
}
