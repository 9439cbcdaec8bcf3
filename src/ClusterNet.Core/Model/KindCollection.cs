using System.Collections;
using System.Collections.Immutable;

namespace ClusterNet.Core.Model;

/// <summary>Objects of one kind in a snapshot: ordered by key for stable output, with O(1) lookup by key.</summary>
public sealed class KindCollection<T> : IReadOnlyList<T> where T : IClusterObject
{
    public static KindCollection<T> Empty { get; } = new(ImmutableDictionary<ObjectKey, T>.Empty);

    private readonly ImmutableArray<T> _ordered;

    public KindCollection(ImmutableDictionary<ObjectKey, T> byKey)
    {
        ByKey = byKey;
        _ordered = [.. byKey.Values.OrderBy(v => v.Key.Namespace, StringComparer.Ordinal).ThenBy(v => v.Key.Name, StringComparer.Ordinal)];
    }

    public static KindCollection<T> From(IEnumerable<T> items)
    {
        var builder = ImmutableDictionary.CreateBuilder<ObjectKey, T>();
        foreach (var item in items)
        {
            builder[item.Key] = item;
        }

        return new KindCollection<T>(builder.ToImmutable());
    }

    public ImmutableDictionary<ObjectKey, T> ByKey { get; }

    public int Count => _ordered.Length;

    public T this[int index] => _ordered[index];

    public T? Get(ObjectKey key) => ByKey.TryGetValue(key, out var value) ? value : default;

    public T? Get(string @namespace, string name) => Get(new ObjectKey(@namespace, name));

    public ImmutableArray<T>.Enumerator GetEnumerator() => _ordered.GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)_ordered).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable)_ordered).GetEnumerator();
}
