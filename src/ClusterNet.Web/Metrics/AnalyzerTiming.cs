using System.Diagnostics;

namespace ClusterNet.Web.Metrics;

/// <summary>An analyzer run being timed; disposing records it once.</summary>
public struct AnalyzerTiming(DashboardMetrics metrics, string analyzer, long startTimestamp) : IDisposable
{
    private bool _done;

    public void Dispose()
    {
        if (_done)
        {
            return;
        }

        _done = true;
        metrics.RecordAnalyzer(analyzer, Stopwatch.GetElapsedTime(startTimestamp));
    }
}
