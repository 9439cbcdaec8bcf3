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
    private (long Version, SourceInfo? Source, DnsReport? Report) _last;

    public DnsClusterSettings Settings { get; init; } = DnsClusterSettings.Default;

    public DnsReport Get(ClusterSnapshot snapshot)
    {
        lock (_gate)
        {
            if (_last.Report is { } cached && _last.Version == snapshot.Version && Equals(_last.Source, snapshot.Source))
            {
                return cached;
            }
        }

        var report = DnsFindingsAnalyzer.Analyze(snapshot, Settings);
        lock (_gate)
        {
            _last = (snapshot.Version, snapshot.Source, report);
        }

        return report;
    }
}
