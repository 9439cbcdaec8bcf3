namespace ClusterNet.Bench.Web;

/// <summary>One shared cache as /metrics reports it (clusternet_cache_entries, _bytes and _computed_total, label cache).</summary>
public sealed record WebCacheFigure(string Name, long Entries, long Bytes, long Computed = 0)
{
    public static IReadOnlyList<WebCacheFigure> From(IEnumerable<(string Name, double Value)> metrics)
    {
        var byCache = new SortedDictionary<string, WebCacheFigure>(StringComparer.Ordinal);
        foreach (var (name, value) in metrics)
        {
            var at = name.IndexOf("cache=\"", StringComparison.Ordinal);
            if (!name.StartsWith("clusternet_cache_", StringComparison.Ordinal) || at < 0)
            {
                continue;
            }

            var cache = name[(at + 7)..name.IndexOf('"', at + 7)];
            var f = byCache.GetValueOrDefault(cache) ?? new WebCacheFigure(cache, 0, 0);
            byCache[cache] = name.StartsWith("clusternet_cache_entries{", StringComparison.Ordinal) ? f with { Entries = (long)value }
                : name.StartsWith("clusternet_cache_computed", StringComparison.Ordinal) ? f with { Computed = (long)value }
                : name.StartsWith("clusternet_cache_bytes{", StringComparison.Ordinal) ? f with { Bytes = (long)value }
                : f;
        }

        return [.. byCache.Values];
    }
}
