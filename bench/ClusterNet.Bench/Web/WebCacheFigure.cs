namespace ClusterNet.Bench.Web;

/// <summary>One shared cache as /metrics reports it (clusternet_cache_entries / clusternet_cache_bytes, label cache).</summary>
public sealed record WebCacheFigure(string Name, long Entries, long Bytes)
{
    public static IReadOnlyList<WebCacheFigure> From(IEnumerable<(string Name, double Value)> metrics)
    {
        var byCache = new SortedDictionary<string, (long Entries, long Bytes)>(StringComparer.Ordinal);
        foreach (var (name, value) in metrics)
        {
            var isEntries = name.StartsWith("clusternet_cache_entries{", StringComparison.Ordinal);
            if (!isEntries && !name.StartsWith("clusternet_cache_bytes{", StringComparison.Ordinal) && !name.StartsWith("clusternet_cache_size_bytes{", StringComparison.Ordinal))
            {
                continue;
            }

            var start = name.IndexOf("cache=\"", StringComparison.Ordinal) + 7;
            var cache = name[start..name.IndexOf('"', start)];
            var current = byCache.GetValueOrDefault(cache);
            byCache[cache] = isEntries ? (current.Entries + (long)value, current.Bytes) : (current.Entries, current.Bytes + (long)value);
        }

        return [.. byCache.Select(kv => new WebCacheFigure(kv.Key, kv.Value.Entries, kv.Value.Bytes))];
    }
}
