using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ClusterNet.Kubernetes.Live;

/// <summary>
/// Counters of the list/watch loops, on the <see cref="MeterName"/> meter (System.Diagnostics.Metrics only: the host
/// decides how to export; the dashboard serves them on /metrics). Tagged by kind, so a flapping kind stands out.
/// </summary>
public static class LiveSourceMetrics
{
    public const string MeterName = "ClusterNet.Kubernetes.Live";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Watches started again after a connection loss or server error (not after a normal server-side timeout).</summary>
    private static readonly Counter<long> Reconnects = Meter.CreateCounter<long>(
        "clusternet.watch.reconnects", unit: "{reconnect}", description: "Watch streams restarted after a connection loss or a server error");

    /// <summary>Full lists after the first one: the watch's resourceVersion expired (410 Gone) or the loop recovered from an error.</summary>
    private static readonly Counter<long> Relists = Meter.CreateCounter<long>(
        "clusternet.watch.relists", unit: "{relist}", description: "Full lists after the initial one (expired resourceVersion, recovery)");

    internal static void Reconnect(string kind) => Reconnects.Add(1, new TagList { { "kind", kind } });

    internal static void Relist(string kind, string reason) => Relists.Add(1, new TagList { { "kind", kind }, { "reason", reason } });
}
