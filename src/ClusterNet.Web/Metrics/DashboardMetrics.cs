using System.Diagnostics;
using System.Diagnostics.Metrics;
using ClusterNet.Core.Model;
using ClusterNet.Web.Hubs;
using ClusterNet.Web.Snapshots;

namespace ClusterNet.Web.Metrics;

/// <summary>
/// The dashboard's own instruments on the <see cref="MeterName"/> meter: snapshot version and age, objects per kind,
/// open circuits and hub clients (observed when scraped), lookups refused by the rate limiter, analyzer timings.
/// Tags hold kinds and analyzer names only, never object, namespace or user names: metrics may be scraped anonymously.
/// </summary>
public sealed class DashboardMetrics
{
    public const string MeterName = "ClusterNet.Web";

    private readonly Counter<long> _lookupsRefused;
    private readonly Histogram<double> _analyzerDuration;
    private int _circuits;

    public DashboardMetrics(IMeterFactory meterFactory, SnapshotFeed feed, HubConnectionCounter hubClients, TimeProvider time)
    {
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge("clusternet.snapshot.version", () => feed.Current.Version, unit: "{version}", description: "Version of the newest cluster snapshot");
        meter.CreateObservableGauge(
            "clusternet.snapshot.age",
            () => Math.Max(0, (time.GetUtcNow() - feed.Current.CreatedAt).TotalSeconds),
            unit: "s",
            description: "Seconds since the newest snapshot was published (grows while nothing changes or the source is stuck)");
        meter.CreateObservableGauge("clusternet.objects", () => ObjectCounts(feed.Current), unit: "{object}", description: "Objects per kind in the newest snapshot");
        meter.CreateObservableGauge("clusternet.circuits", () => Volatile.Read(ref _circuits), unit: "{circuit}", description: "Open Blazor circuits (browser tabs on a page)");
        meter.CreateObservableGauge("clusternet.hub.clients", () => hubClients.Count, unit: "{connection}", description: "Connected SignalR hub clients");
        _lookupsRefused = meter.CreateCounter<long>("clusternet.lookups.refused", unit: "{lookup}", description: "Live lookups refused by the per-user rate limiter");
        _analyzerDuration = meter.CreateHistogram<double>("clusternet.analyzer.duration", unit: "s", description: "Time an analyzer took for one request or page recompute");
    }

    /// <summary>A lookup refused by the budget (<paramref name="where"/>: api for 429s, page for the DNS page's refusal).</summary>
    public void LookupRefused(string where) => _lookupsRefused.Add(1, new TagList { { "where", where } });

    /// <summary>Records one analyzer run; <paramref name="analyzer"/> is a fixed name such as "policy.matrix".</summary>
    public void RecordAnalyzer(string analyzer, TimeSpan elapsed) => _analyzerDuration.Record(elapsed.TotalSeconds, new TagList { { "analyzer", analyzer } });

    /// <summary>Times the code until the result is disposed: <c>using (metrics.MeasureAnalyzer("dns.findings")) { ... }</c>.</summary>
    public AnalyzerTiming MeasureAnalyzer(string analyzer) => new(this, analyzer, Stopwatch.GetTimestamp());

    /// <summary>
    /// Runs one analyzer call and records its duration under <paramref name="analyzer"/> (also when it throws):
    /// <c>var answer = metrics.MeasureAnalyzer(AnalyzerNames.PolicyReach, () => ReachAnswer.Of(engine, query));</c>.
    /// </summary>
    public T MeasureAnalyzer<T>(string analyzer, Func<T> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        using (MeasureAnalyzer(analyzer))
        {
            return run();
        }
    }

    internal void CircuitOpened() => Interlocked.Increment(ref _circuits);

    internal void CircuitClosed() => Interlocked.Decrement(ref _circuits);

    private static IEnumerable<Measurement<long>> ObjectCounts(ClusterSnapshot snapshot)
    {
        foreach (var kind in ResourceKind.All)
        {
            yield return new Measurement<long>(snapshot.StatusOf(kind).Count, new KeyValuePair<string, object?>("kind", kind));
        }
    }
}
