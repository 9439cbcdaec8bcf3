using ClusterNet.Kubernetes.Live;

namespace ClusterNet.Kubernetes.Tests.Live;

/// <summary>Live source options for tests that install CRDs mid-run: short backoff and retries, so a kind turning served is read within a second or two.</summary>
internal static class CrdTestOptions
{
    /// <summary>Every kind.</summary>
    public static LiveSourceOptions AllKinds { get; } = Fast(null);

    public static LiveSourceOptions For(params IEnumerable<string> kinds) => Fast([.. kinds]);

    private static LiveSourceOptions Fast(IReadOnlyList<string>? kinds) => new()
    {
        BackoffMin = TimeSpan.FromMilliseconds(200),
        BackoffMax = TimeSpan.FromSeconds(2),
        ForbiddenRetry = TimeSpan.FromSeconds(1),
        NotServedRetry = TimeSpan.FromSeconds(1),
        Kinds = kinds,
    };
}
