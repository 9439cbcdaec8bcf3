using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Live;
using ClusterNet.Kubernetes.Tests.Live.Mock;
using k8s;
using Xunit.Abstractions;

namespace ClusterNet.Kubernetes.Tests.Live;

/// <summary>The loop's counters on the <see cref="LiveSourceMetrics.MeterName"/> meter, as a metrics exporter sees them.</summary>
public sealed class LiveSourceMetricsTests(ITestOutputHelper output)
{
    private const string Pods = "/api/v1/pods";

    [Fact]
    public async Task Watch_Http410ThenDroppedConnection_CountsRelistAndReconnect()
    {
        // The meter is process-wide and other tests run in parallel: assert that this scenario's measurements are among
        // those seen, not exact totals.
        var seen = new ConcurrentBag<(string Instrument, long Value, string Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == LiveSourceMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            seen.Add((instrument.Name, value, string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}")))));
        listener.Start();

        var dropped = new TaskCompletionSource();
        var api = new ScriptedApi()
            .List(Pods, KubeJson.List("PodList", "10", KubeJson.Pod("dev", "a", "10", "10.244.1.2")))
            .List(Pods, KubeJson.List("PodList", "30", KubeJson.Pod("dev", "z", "30", "10.244.1.3")))
            .Watch(Pods, (_, w) => w.StatusAsync(410, "Gone", "resourceVersion 10 is too old"))
            .Watch(Pods, async (_, w) =>
            {
                await Task.Delay(50);
                w.Abort();
                dropped.TrySetResult();
            })
            .Watch(Pods, async (_, _) => await Task.Delay(TimeSpan.FromSeconds(5)));
        await using var server = new MockKubeApiServer(api.HandleAsync);
        var options = new LiveSourceOptions { Coalesce = TimeSpan.FromMilliseconds(20), BackoffMin = TimeSpan.FromMilliseconds(50), BackoffMax = TimeSpan.FromMilliseconds(200), Kinds = [ResourceKind.Pods] };
        await using var source = new LiveClusterSource(new KubernetesClientConfiguration { Host = server.Url }, new SourceInfo("kubeconfig", "mock"), options, TestOutputLoggerProvider.Factory(output));
        await source.StartAsync(CancellationToken.None);

        await LiveWait.ForAsync(source.Store, s => s.Pods.Get("dev", "z") is not null, "pod z from the relist");
        await dropped.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await LiveWait.ForAsync(source.Store, _ => source.StatsOf(ResourceKind.Pods).Single().Failures >= 1, "the dropped watch counted");

        Assert.Contains(seen, m => m is { Instrument: "clusternet.watch.relists", Value: 1 } && m.Tags.Contains("kind=pods", StringComparison.Ordinal) && m.Tags.Contains("reason=expired", StringComparison.Ordinal));
        Assert.Contains(seen, m => m is { Instrument: "clusternet.watch.reconnects", Value: 1 } && m.Tags.Contains("kind=pods", StringComparison.Ordinal));
    }
}
