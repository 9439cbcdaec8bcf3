using ClusterNet.Core.Dns;
using ClusterNet.Core.Model;

namespace ClusterNet.Web.Dns;

/// <summary>
/// The DNS report of the newest snapshot, computed once per snapshot version and shared by the page and the REST API
/// (10k pods take ~100 ms, so every render must not recompute it).
/// </summary>
public sealed class DnsReportCache
{
    private readonly Lock _gate = new();
    private (ClusterSnapshot? Snapshot, DnsReport? Report) _last;

    public DnsClusterSettings Settings { get; init; } = DnsClusterSettings.Default;

    public DnsReport Get(ClusterSnapshot snapshot)
    {
        lock (_gate)
        {
            // By reference, not version: with Auth:ScopeByRbac users get different cuts of the same version.
            if (_last.Report is { } cached && ReferenceEquals(_last.Snapshot, snapshot))
            {
                return cached;
            }
        }

        var report = DnsFindingsAnalyzer.Analyze(snapshot, Settings);
        lock (_gate)
        {
            _last = (snapshot, report);
        }

        return report;
    }
}
