using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Live;
using ClusterNet.Testing;
using Xunit.Abstractions;

namespace ClusterNet.Kubernetes.Tests.Live;

/// <summary>
/// The check that deploy/'s ClusterRole lets the dashboard read a CRD family: applies deploy/ (ClusterRole, binding,
/// ServiceAccount), the CRDs and some objects, then syncs a live source with the ServiceAccount's token until every kind
/// of the family is synced or forbidden and, unless forbidden, <paramref name="hasObject"/> holds. The caller asserts
/// "synced", so a missing rule fails as "forbidden" naming the kind.
/// </summary>
internal static class DeployRoleSync
{
    public static async Task<ClusterSnapshot> SyncAsync(
        TestControlPlane plane, ITestOutputHelper output, LiveSourceOptions options,
        string crds, string[] waitEstablished, string objects,
        IReadOnlySet<string> kinds, string sampleKind, Func<ClusterSnapshot, bool> hasObject)
    {
        await plane.KubectlAsync("apply", "-k", Path.Combine(plane.RepoRoot, "deploy"));
        await plane.ApplyAsync(crds);
        await plane.KubectlAsync(waitEstablished);
        await plane.ApplyAsync(objects);
        var token = await plane.ServiceAccountTokenAsync("clusternet", "clusternet");

        await using var source = new LiveClusterSource(plane.ConfigForToken(token), new SourceInfo("incluster", "testenv"), options, TestOutputLoggerProvider.Factory(output));
        await source.StartAsync(CancellationToken.None);
        return await LiveWait.ForAsync(
            source.Store,
            s => kinds.All(k => s.StatusOf(k).State is KindState.Synced or KindState.Forbidden)
                && (s.StatusOf(sampleKind).State == KindState.Forbidden || hasObject(s)),
            $"{string.Join(", ", kinds.Order(StringComparer.Ordinal))} settled with the ServiceAccount's token",
            TimeSpan.FromSeconds(20));
    }
}
