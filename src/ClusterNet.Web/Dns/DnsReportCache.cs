using ClusterNet.Core.Dns;
using ClusterNet.Core.Model;
using ClusterNet.Web.Snapshots;

namespace ClusterNet.Web.Dns;

/// <summary>
/// The DNS report of a snapshot, computed once per snapshot and shared by every circuit and the REST API (10k pods take
/// ~100 ms, so every render must not recompute it). Bounded (<see cref="Capacity"/> snapshots and RBAC cuts, by
/// reference: with Auth:ScopeByRbac users get different cuts of the same version); older versions are released when a
/// new snapshot is published (<see cref="SnapshotCaches"/>, "dns.report").
/// </summary>
public sealed class DnsReportCache(SnapshotCaches? caches = null)
{
    public const int Capacity = 4;

    public const string CacheName = "dns.report";

    private readonly SnapshotCache<DnsClusterSettings, DnsReport> _reports =
        (caches ?? new SnapshotCaches()).Get<DnsClusterSettings, DnsReport>(CacheName, Capacity, r => ApproximateSize.Findings(r.Findings));

    public DnsClusterSettings Settings { get; init; } = DnsClusterSettings.Default;

    public DnsReport Get(ClusterSnapshot snapshot)
    {
        var settings = Settings;
        return _reports.Get(snapshot, snapshot.Version, settings, () => DnsFindingsAnalyzer.Analyze(snapshot, settings));
    }

    /// <summary><see cref="Get"/> computed on the thread pool; circuits asking meanwhile await the same report.</summary>
    public Task<DnsReport> GetAsync(ClusterSnapshot snapshot)
    {
        var settings = Settings;
        return _reports.GetAsync(snapshot, snapshot.Version, settings, () => DnsFindingsAnalyzer.Analyze(snapshot, settings));
    }
}
