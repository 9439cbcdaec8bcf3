using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace ClusterNet.Web.Snapshots;

/// <summary>
/// Every shared per-snapshot cache of the process, by name: page models of all circuits ask here, so 50 circuits on one
/// snapshot hold one copy. Reports each cache's entries and approximate bytes on the <see cref="MeterName"/> meter
/// (/metrics: clusternet_cache_entries, clusternet_cache_bytes, label cache) and tells them when a snapshot is published.
/// </summary>
public sealed class SnapshotCaches : IDisposable
{
    public const string MeterName = "ClusterNet.Caches";

    private readonly ConcurrentDictionary<string, ISnapshotCache> _caches = new(StringComparer.Ordinal);
    private readonly Meter? _meter;

    /// <summary>Unreported (tests, and page models built without the app's services).</summary>
    public SnapshotCaches()
    {
    }

    public SnapshotCaches(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _meter.CreateObservableGauge("clusternet.cache.entries", () => Measure(c => c.Count), unit: "{entry}", description: "Entries in each shared per-snapshot cache");
        _meter.CreateObservableGauge("clusternet.cache.bytes", () => Measure(c => c.ApproximateBytes), description: "Approximate bytes held by each shared per-snapshot cache (estimated from the values' structure)");
        _meter.CreateObservableCounter("clusternet.cache.computed", () => Measure(c => c.Computed), unit: "{value}", description: "Values each shared cache computed (the rest were answered from it)");
    }

    public IReadOnlyCollection<ISnapshotCache> All => [.. _caches.Values.OrderBy(c => c.Name, StringComparer.Ordinal)];

    /// <summary>The cache named <paramref name="name"/>, created with this capacity and size estimate on first use.</summary>
    public SnapshotCache<TQuery, TValue> Get<TQuery, TValue>(string name, int capacity, Func<TValue, long> approximateBytes) =>
        _caches.GetOrAdd(name, n => new SnapshotCache<TQuery, TValue>(n, capacity, approximateBytes)) as SnapshotCache<TQuery, TValue>
        ?? throw new InvalidOperationException($"cache {name} exists with other types");

    /// <summary>A new snapshot was published: every cache releases what is older than the version before it.</summary>
    public void Published(long version)
    {
        foreach (var cache in _caches.Values)
        {
            cache.Published(version);
        }
    }

    /// <summary>
    /// Every feed subscriber (circuit, hub pump) has taken <paramref name="version"/>: no one renders an older snapshot
    /// any more, so every cache releases older versions' entries instead of keeping the previous one for stragglers.
    /// </summary>
    public void Settled(long version)
    {
        foreach (var cache in _caches.Values)
        {
            cache.Settled(version);
        }
    }

    private IEnumerable<Measurement<long>> Measure(Func<ISnapshotCache, long> value) =>
        _caches.Values.Select(c => new Measurement<long>(value(c), new KeyValuePair<string, object?>("cache", c.Name)));

    public void Dispose() => _meter?.Dispose();
}
