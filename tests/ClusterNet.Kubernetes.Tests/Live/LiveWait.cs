using System.Diagnostics;
using ClusterNet.Core.Model;
using ClusterNet.Core.Store;

namespace ClusterNet.Kubernetes.Tests.Live;

/// <summary>Polls a store's current snapshot until a condition holds; the failure message shows every kind's status.</summary>
public static class LiveWait
{
    public static async Task<ClusterSnapshot> ForAsync(ClusterStore store, Func<ClusterSnapshot, bool> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var snap = store.Current;
            if (condition(snap))
            {
                return snap;
            }

            if (watch.Elapsed > limit)
            {
                Assert.Fail($"timed out after {limit.TotalSeconds:0.#} s waiting for {what}. Snapshot v{snap.Version}, connection {snap.Connection} {snap.ConnectionMessage}; kinds: "
                    + string.Join("; ", snap.Kinds.OrderBy(k => k.Key).Select(k => $"{k.Key}={k.Value.StateName}({k.Value.Count}) {k.Value.Message}")));
            }

            await Task.Delay(20);
        }
    }

    public static string Describe(ClusterSnapshot snap) =>
        string.Join("; ", snap.Kinds.OrderBy(k => k.Key).Select(k => $"{k.Key}={k.Value.StateName}({k.Value.Count})"));
}
