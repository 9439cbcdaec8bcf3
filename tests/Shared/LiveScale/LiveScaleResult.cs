namespace ClusterNet.Testing.LiveScale;

/// <summary>What one live-scale run measured. Latencies are ms after the create call returned; empty when not measured.</summary>
public sealed record LiveScaleResult(
    double ReadyMs,
    int PodsAtReady,
    double RssAtReadyMb,
    double PeakRssAtReadyMb,
    double RssAfterGcMb,
    double CpuToReadyMs,
    IReadOnlyList<double> SnapshotMs,
    IReadOnlyList<double> PageMs,
    double PeakRssMb)
{
    public static double Median(IReadOnlyList<double> xs) => Percentile(xs, 0.5);

    /// <summary>Nearest-rank percentile (p95 of 10 values is the 10th).</summary>
    public static double Percentile(IReadOnlyList<double> xs, double p)
    {
        if (xs.Count == 0)
        {
            return double.NaN;
        }

        var sorted = xs.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    public override string ToString() =>
        $"ready {ReadyMs:0} ms after the process started ({PodsAtReady:N0} pods; {CpuToReadyMs:0} ms of CPU); working set at ready {RssAtReadyMb:0} MB (peak {PeakRssAtReadyMb:0} MB), " +
        $"after a full GC {RssAfterGcMb:0} MB; peak over the run {PeakRssMb:0} MB\n" +
        $"new pod → /api/snapshot: median {Median(SnapshotMs):0} ms, p95 {Percentile(SnapshotMs, 0.95):0} ms ({string.Join(", ", SnapshotMs.Select(x => x.ToString("0")))})" +
        (PageMs.Count == 0 ? "" : $"\nnew pod → open browser page: median {Median(PageMs):0} ms, p95 {Percentile(PageMs, 0.95):0} ms ({string.Join(", ", PageMs.Select(x => x.ToString("0")))})");
}
