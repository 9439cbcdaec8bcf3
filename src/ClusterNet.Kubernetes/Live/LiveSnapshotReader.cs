using ClusterNet.Core.Model;
using ClusterNet.Core.Store;
using k8s;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClusterNet.Kubernetes.Live;

/// <summary>
/// Reads a cluster once, for the CLI: one list per kind (paged, no watch), with the live source's kinds, API discovery
/// fallbacks (EndpointSlice v1 → v1beta1 → Endpoints) and converters. A kind the user may not list or the server does
/// not serve becomes a warning in <see cref="ClusterSnapshot.Diagnostics"/> and its status, not a failure; an API
/// server that never answered leaves <see cref="ClusterSnapshot.Connection"/> disconnected with the reason.
/// </summary>
public static class LiveSnapshotReader
{
    // Enough to overlap the round trips of 14 kinds without hammering a small API server.
    private const int Parallelism = 4;

    public static Task<ClusterSnapshot> ReadAsync(KubernetesClientConfiguration config, SourceInfo info, LiveSourceOptions? options = null, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default) =>
        ReadAsync(config, info, options ?? new LiveSourceOptions(), loggerFactory ?? NullLoggerFactory.Instance, null, cancellationToken);

    /// <summary>Tests pass their own stream specs and see every request path.</summary>
    internal static async Task<ClusterSnapshot> ReadAsync(KubernetesClientConfiguration config, SourceInfo info, LiveSourceOptions options, ILoggerFactory loggerFactory, List<string>? requestLog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        options.Validate();
        var streams = LiveResourceCatalog.Build(options);
        using var api = new KubeApiClient(config) { RequestLog = requestLog };
        // Coalescing is for a stream of changes; here one flush at the end publishes the whole read.
        await using var store = new ClusterStore(info, TimeSpan.Zero, kinds: streams.Select(s => s.Kind).Distinct().ToList());
        var connection = new ConnectionMonitor(store, api.BaseUri);
        api.Reached += connection.Reached;
        var discovery = new ApiDiscovery(api, streams.SelectMany(s => s.Candidates).Select(c => c.ApiVersion), options.RequestTimeout, loggerFactory.CreateLogger<ApiDiscovery>());
        var status = new KindStatusBoard(store, streams);
        var diagnostics = new DiagnosticsBoard(store);
        var logger = loggerFactory.CreateLogger<ResourceReflector>();
        await Parallel.ForEachAsync(
            streams,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            (spec, ct) => new ValueTask(new ResourceReflector(spec, api, discovery, store, status, diagnostics, connection, options, logger).ListOnceAsync(ct))).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        var snapshot = store.Flush();
        var problems = snapshot.Kinds
            .Where(kv => kv.Value.State != KindState.Synced)
            .OrderBy(kv => ResourceKindOrder(kv.Key))
            .Select(kv => new SourceDiagnostic(kv.Value.State == KindState.Error ? "error" : "warning", $"{kv.Key} not read ({kv.Value.StateName}): {kv.Value.Message}", info.Name, Object: kv.Key))
            .ToList();
        return problems.Count == 0 ? snapshot : snapshot with { Diagnostics = [.. problems, .. snapshot.Diagnostics] };
    }

    private static int ResourceKindOrder(string kind)
    {
        var index = ResourceKind.All.ToList().IndexOf(kind);
        return index < 0 ? int.MaxValue : index;
    }
}
