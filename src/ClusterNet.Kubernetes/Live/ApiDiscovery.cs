using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace ClusterNet.Kubernetes.Live;

/// <summary>
/// What the API server serves, from /api and /apis discovery plus the resource lists of the group-versions the
/// source may read. Refreshed lazily (several watch loops share one result); when discovery itself fails
/// (unreachable, or the user may not even read it) answers are <see cref="Served.Unknown"/> and loops just try.
/// </summary>
internal sealed class ApiDiscovery(KubeApiClient api, IEnumerable<string> groupVersions, TimeSpan requestTimeout, ILogger logger)
{
    public enum Served
    {
        Yes,
        No,
        Unknown,
    }

    private readonly ImmutableArray<string> _groupVersions = [.. groupVersions.Distinct()];
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private Snapshot? _current;

    /// <summary>Discovery results: resources per group-version; a group-version absent from the server maps to an empty set.</summary>
    private sealed record Snapshot(DateTimeOffset At, ImmutableDictionary<string, ImmutableHashSet<string>>? Resources, string? Error);

    /// <summary>Is <paramref name="resource"/> served in <paramref name="groupVersion"/> ("v1", "apps/v1")?</summary>
    public async Task<Served> IsServedAsync(string groupVersion, string resource, TimeSpan maxAge, CancellationToken cancellationToken)
    {
        var snap = await GetAsync(maxAge, cancellationToken).ConfigureAwait(false);
        if (snap.Resources is null || !snap.Resources.TryGetValue(groupVersion, out var set))
        {
            return Served.Unknown;
        }

        return set.Contains(resource) ? Served.Yes : Served.No;
    }

    private async Task<Snapshot> GetAsync(TimeSpan maxAge, CancellationToken cancellationToken)
    {
        var snap = Volatile.Read(ref _current);
        if (IsFresh(snap, maxAge))
        {
            return snap!;
        }

        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            snap = _current;
            if (IsFresh(snap, maxAge))
            {
                return snap!;
            }

            snap = await LoadAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _current, snap);
            return snap;
        }
        finally
        {
            _refresh.Release();
        }
    }

    // A failed discovery is retried after a short pause, so loops retrying together do not each repeat it.
    private static bool IsFresh(Snapshot? snap, TimeSpan maxAge) =>
        snap is not null && DateTimeOffset.UtcNow - snap.At < (snap.Error is null ? maxAge : FailedDiscoveryPause);

    private static readonly TimeSpan FailedDiscoveryPause = TimeSpan.FromSeconds(1);

    private async Task<Snapshot> LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(requestTimeout);
            var ct = timeout.Token;
            var served = new HashSet<string>(StringComparer.Ordinal);
            using (var doc = await GetJsonAsync("/api", ct).ConfigureAwait(false))
            {
                foreach (var v in Strings(doc.RootElement, "versions"))
                {
                    served.Add(v);
                }
            }

            using (var doc = await GetJsonAsync("/apis", ct).ConfigureAwait(false))
            {
                if (doc.RootElement.TryGetProperty("groups", out var groups) && groups.ValueKind == JsonValueKind.Array)
                {
                    foreach (var group in groups.EnumerateArray())
                    {
                        if (group.TryGetProperty("versions", out var versions) && versions.ValueKind == JsonValueKind.Array)
                        {
                            foreach (var gv in versions.EnumerateArray())
                            {
                                if (gv.TryGetProperty("groupVersion", out var name) && name.ValueKind == JsonValueKind.String)
                                {
                                    served.Add(name.GetString()!);
                                }
                            }
                        }
                    }
                }
            }

            var resources = ImmutableDictionary.CreateBuilder<string, ImmutableHashSet<string>>(StringComparer.Ordinal);
            foreach (var gv in _groupVersions)
            {
                if (!served.Contains(gv))
                {
                    resources[gv] = [];
                    continue;
                }

                var path = gv.Contains('/') ? $"/apis/{gv}" : $"/api/{gv}";
                try
                {
                    using var doc = await GetJsonAsync(path, ct).ConfigureAwait(false);
                    var names = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
                    if (doc.RootElement.TryGetProperty("resources", out var list) && list.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var r in list.EnumerateArray())
                        {
                            if (r.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String)
                            {
                                names.Add(n.GetString()!);
                            }
                        }
                    }

                    resources[gv] = names.ToImmutable();
                }
                catch (KubeApiException e) when (e.Code == 404)
                {
                    // Listed a moment ago, gone now (a CRD being removed): not served.
                    resources[gv] = [];
                }
            }

            return new Snapshot(DateTimeOffset.UtcNow, resources.ToImmutable(), null);
        }
        catch (Exception e) when (e is KubeApiException or HttpRequestException or IOException or JsonException
                                      || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogDebug("API discovery failed: {Message}", e.Message);
            return new Snapshot(DateTimeOffset.UtcNow, null, e.Message);
        }
    }

    private async Task<JsonDocument> GetJsonAsync(string path, CancellationToken ct)
    {
        using var response = await api.GetAsync(path, ct).ConfigureAwait(false);
        await using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        return await JsonDocument.ParseAsync(stream, cancellationToken: ct).ConfigureAwait(false);
    }

    private static IEnumerable<string> Strings(JsonElement e, string property)
    {
        if (e.TryGetProperty(property, out var a) && a.ValueKind == JsonValueKind.Array)
        {
            foreach (var s in a.EnumerateArray())
            {
                if (s.ValueKind == JsonValueKind.String)
                {
                    yield return s.GetString()!;
                }
            }
        }
    }
}
