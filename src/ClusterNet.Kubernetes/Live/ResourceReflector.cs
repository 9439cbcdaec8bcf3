using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using ClusterNet.Core.Model;
using ClusterNet.Core.Store;
using Microsoft.Extensions.Logging;

namespace ClusterNet.Kubernetes.Live;

/// <summary>
/// The list/watch loop of one <see cref="WatchStreamSpec"/>: paged list → watch from the list's resourceVersion with
/// bookmarks → re-watch on normal end → relist on 410 Gone (as HTTP status or as an ERROR event) replacing what the
/// store holds, so deletions in the gap are not lost → capped exponential backoff with jitter on errors.
/// Every failure is caught here and turned into this stream's status: one kind failing never affects another.
/// </summary>
internal sealed class ResourceReflector
{
    private readonly WatchStreamSpec _spec;
    private readonly KubeApiClient _api;
    private readonly ApiDiscovery _discovery;
    private readonly ClusterStore _store;
    private readonly KindStatusBoard _status;
    private readonly DiagnosticsBoard _diagnostics;
    private readonly ConnectionMonitor _connection;
    private readonly LiveSourceOptions _options;
    private readonly ILogger _logger;
    private readonly Backoff _backoff;

    // Keys this loop put in the store; only used when other loops feed the same kind (ConfigMaps by name).
    private readonly HashSet<ObjectKey> _owned = [];
    private ResourceTarget? _target;

    // Where the watch resumes: the list's resourceVersion, then that of every applied event and bookmark. Opaque;
    // null means a (re)list is needed. A field, not a local, so progress made before a failure is not lost.
    private string? _resourceVersion;

    // Why the next list is not the first one (for the relist metric): expired, forbidden, notserved.
    private string _relistReason = "error";

    public ResourceReflector(
        WatchStreamSpec spec,
        KubeApiClient api,
        ApiDiscovery discovery,
        ClusterStore store,
        KindStatusBoard status,
        DiagnosticsBoard diagnostics,
        ConnectionMonitor connection,
        LiveSourceOptions options,
        ILogger logger)
    {
        _spec = spec;
        _api = api;
        _discovery = discovery;
        _store = store;
        _status = status;
        _diagnostics = diagnostics;
        _connection = connection;
        _options = options;
        _logger = logger;
        _backoff = new Backoff(options.BackoffMin, options.BackoffMax);
    }

    public ReflectorStats Stats { get; } = new();

    /// <summary>Test hook: runs after each list page was fetched (e.g. to compact etcd so the continue token expires).</summary>
    internal Func<int, CancellationToken, Task>? AfterListPage { get; set; }

    private string Label => _spec.Name == _spec.Kind ? _spec.Kind : $"{_spec.Kind} {_spec.Name}";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var synced = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (_resourceVersion is null)
                {
                    _target = await ResolveAsync(cancellationToken).ConfigureAwait(false);
                    if (_target is null)
                    {
                        continue;
                    }

                    Report(new StreamStatus(KindState.Syncing, ApiVersion: _target.ApiVersion));
                    if (Stats.Lists > 0)
                    {
                        LiveSourceMetrics.Relist(_spec.Kind, _relistReason);
                    }

                    _resourceVersion = await ListAsync(_target, cancellationToken).ConfigureAwait(false);
                    synced = true;
                    Report(new StreamStatus(KindState.Synced, ApiVersion: _target.ApiVersion));
                }

                var outcome = await WatchAsync(_target!, _resourceVersion, cancellationToken).ConfigureAwait(false);
                if (outcome.Expired)
                {
                    // client-go relists at once too: the server is up, only our position in its history is gone.
                    Stats.CountRelistAfterExpiry();
                    _relistReason = "expired";
                    _logger.LogInformation("{Kind}: resourceVersion expired ({Message}); relisting", Label, outcome.Message);
                    _resourceVersion = null;
                }
                else if (outcome.Unproductive)
                {
                    // A watch that closes at once without news would otherwise spin; treat it like an error.
                    await Task.Delay(_backoff.Next(), cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    _backoff.Reset();
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (KubeApiException e) when (e.IsExpired)
            {
                // A list or watch request answered 410 as an HTTP status.
                Stats.CountRelistAfterExpiry();
                _relistReason = "expired";
                _logger.LogInformation("{Kind}: {Message}; relisting", Label, e.Message);
                _resourceVersion = null;
            }
            catch (KubeApiException e) when (e.Code == (int)HttpStatusCode.Forbidden)
            {
                Stats.CountFailure();
                var hint = RbacHint(_target);
                _logger.LogWarning("{Kind}: forbidden: {Message}", Label, e.Message);
                Report(new StreamStatus(KindState.Forbidden, $"{e.Message} — {hint}", ApiVersion: _target?.ApiVersion));
                _resourceVersion = null;
                _relistReason = "forbidden";
                await DelayAsync(_options.ForbiddenRetry, cancellationToken).ConfigureAwait(false);
            }
            catch (KubeApiException e) when (e.Code == (int)HttpStatusCode.NotFound)
            {
                Stats.CountFailure();
                Report(new StreamStatus(KindState.NotServed, $"the API server does not serve {_target?.Resource} in {_target?.ApiVersion}: {e.Message}", ApiVersion: _target?.ApiVersion));
                _resourceVersion = null;
                _relistReason = "notserved";
                ClearOwned();
                await DelayAsync(_options.NotServedRetry, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsUnreachable(e, cancellationToken))
            {
                Stats.CountFailure();
                LiveSourceMetrics.Reconnect(_spec.Kind);
                _connection.Unreachable(e);
                var delay = _backoff.Next();
                var message = $"{ConnectionMonitor.Describe(e)}; retrying in {Seconds(delay)}";
                _logger.LogInformation("{Kind}: connection lost: {Message}", Label, message);
                Report(new StreamStatus(synced ? KindState.Reconnecting : KindState.Syncing, message, ApiVersion: _target?.ApiVersion));
                await DelayAsync(delay, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // Server errors (5xx, 429, ERROR events), corrupt streams, unexpected bugs: back off and try again.
                // The resourceVersion stays unless the list itself failed, so the watch resumes where it stopped.
                Stats.CountFailure();
                var delay = _backoff.Next();
                var transient = e is KubeApiException { Code: >= 500 or 429 } or WatchStreamException;
                if (transient)
                {
                    LiveSourceMetrics.Reconnect(_spec.Kind);
                }

                var state = transient && synced ? KindState.Reconnecting : KindState.Error;
                var message = $"{Describe(e)}; retrying in {Seconds(delay)}";
                _logger.Log(transient ? LogLevel.Information : LogLevel.Warning, e is KubeApiException or WatchStreamException ? null : e, "{Kind}: {Message}", Label, message);
                Report(new StreamStatus(state, message, ApiVersion: _target?.ApiVersion));
                await DelayAsync(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// One list of this stream for a one-shot reader (the CLI): no watch, no retry. Forbidden, not served and failing
    /// kinds end in that status, like the loop would report them first; an unreachable server also marks the connection.
    /// </summary>
    public async Task ListOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            _target = await ChooseAsync(cancellationToken).ConfigureAwait(false);
            if (_target is null)
            {
                return;
            }

            Report(new StreamStatus(KindState.Syncing, ApiVersion: _target.ApiVersion));
            await ListAsync(_target, cancellationToken).ConfigureAwait(false);
            Report(new StreamStatus(KindState.Synced, ApiVersion: _target.ApiVersion));
        }
        catch (KubeApiException e) when (e.Code == (int)HttpStatusCode.Forbidden)
        {
            Report(new StreamStatus(KindState.Forbidden, $"{e.Message} — {RbacHint(_target, oneShot: true)}", ApiVersion: _target?.ApiVersion));
        }
        catch (KubeApiException e) when (e.Code == (int)HttpStatusCode.NotFound)
        {
            Report(new StreamStatus(KindState.NotServed, $"the API server does not serve {_target?.Resource} in {_target?.ApiVersion}: {e.Message}", ApiVersion: _target?.ApiVersion));
        }
        catch (Exception e) when (IsUnreachable(e, cancellationToken))
        {
            _connection.Unreachable(e);
            Report(new StreamStatus(KindState.Error, ConnectionMonitor.Describe(e), ApiVersion: _target?.ApiVersion));
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            Report(new StreamStatus(KindState.Error, Describe(e), ApiVersion: _target?.ApiVersion));
        }
    }

    private async Task<ResourceTarget?> ResolveAsync(CancellationToken ct)
    {
        var target = await ChooseAsync(ct).ConfigureAwait(false);
        if (target is null)
        {
            await DelayAsync(_options.NotServedRetry, ct).ConfigureAwait(false);
        }

        return target;
    }

    /// <summary>The first served candidate; null (reported as not served) when none is.</summary>
    private async Task<ResourceTarget?> ChooseAsync(CancellationToken ct)
    {
        ResourceTarget? unknown = null;
        var tried = new List<string>();
        foreach (var candidate in _spec.Candidates)
        {
            switch (await _discovery.IsServedAsync(candidate.ApiVersion, candidate.Resource, _options.NotServedRetry, ct).ConfigureAwait(false))
            {
                case ApiDiscovery.Served.Yes:
                    return candidate;
                case ApiDiscovery.Served.Unknown:
                    unknown = candidate;
                    break;
                default:
                    tried.Add($"{candidate.Resource}.{candidate.ApiVersion}");
                    break;
            }
        }

        if (unknown is not null)
        {
            // Discovery could not answer (unreachable, or not allowed): try the most widely served candidate.
            return _spec.Candidates[^1];
        }

        Report(new StreamStatus(KindState.NotServed, $"the API server does not serve {string.Join(" or ", tried)}", ApiVersion: _spec.Candidates[^1].ApiVersion));
        ClearOwned();
        return null;
    }

    /// <summary>
    /// Lists all pages, replaces this stream's objects in the store, returns the list's resourceVersion. Each page is
    /// read as it arrives and its items are decoded one by one from their bytes (<see cref="ListPageReader"/>; no
    /// document of the page). As soon as a page's metadata names the next page, that one is requested and buffered, so
    /// the API server and etcd produce it while this one is converted instead of waiting for us.
    /// </summary>
    private async Task<string> ListAsync(ResourceTarget target, CancellationToken ct)
    {
        Stats.CountList();
        var items = new List<IClusterObject>();
        var bad = new Dictionary<string, IReadOnlyList<SourceDiagnostic>>(StringComparer.Ordinal);
        string? continueToken = null;
        var limit = _options.PageSize;
        var seen = 0;
        var page = 0;
        Task<PageResponse>? next = null;
        try
        {
            while (true)
            {
                PageResponse response;
                try
                {
                    response = await (next ?? OpenPageAsync(PageQuery(target, limit, continueToken), buffer: false, ct)).ConfigureAwait(false);
                }
                catch (KubeApiException e) when (e.IsExpired && continueToken is not null)
                {
                    // The continue token outlived etcd's history (compaction): start over with one unpaged list, as
                    // client-go's pager does, which cannot expire half-way.
                    Stats.CountContinueExpired();
                    _logger.LogInformation("{Kind}: continue token expired ({Message}); listing again without paging", Label, e.Message);
                    items.Clear();
                    bad.Clear();
                    seen = 0;
                    continueToken = null;
                    limit = 0;
                    page = 0;
                    next = null;
                    continue;
                }

                next = null;
                ListMetadata metadata;
                using (response)
                {
                    // (Not with the test hook, which must run between two pages, e.g. to expire the token.)
                    void RequestNext(ListMetadata m)
                    {
                        if (m.Continue is { } token && next is null && AfterListPage is null)
                        {
                            next = OpenPageAsync(PageQuery(target, limit, token), buffer: true, ct);
                        }
                    }

                    void Collect(ReadOnlyMemory<byte> json, JsonTokenType first)
                    {
                        seen++;
                        var item = Decode(target, json, first);
                        if (item.Object is { } obj)
                        {
                            items.Add(obj);
                        }

                        if (item.Diagnostics.Count > 0)
                        {
                            bad[item.Name] = item.Diagnostics;
                        }
                    }

                    await using var stream = await response.Content.ReadAsStreamAsync(response.Timeout).ConfigureAwait(false);
                    metadata = await ListPageReader.ReadAsync(stream, $"GET {response.PathAndQuery}", RequestNext, Collect, response.Timeout).ConfigureAwait(false);
                    RequestNext(metadata);
                }

                continueToken = metadata.Continue;
                page++;
                var expected = metadata.RemainingItemCount is { } remaining ? (int)Math.Min(seen + remaining, int.MaxValue) : (int?)null;
                if (continueToken is null)
                {
                    ApplyList(items, bad);
                    return metadata.ResourceVersion ?? throw new WatchStreamException($"the list of {target.Resource} has no metadata.resourceVersion");
                }

                Report(new StreamStatus(KindState.Syncing, Loaded: seen, Expected: expected, ApiVersion: target.ApiVersion));
                if (AfterListPage is { } hook)
                {
                    await hook(page, ct).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            // Stopped or failed with a page still in flight: release it when it lands, and observe its failure.
            next?.ContinueWith(static t =>
            {
                if (t.IsCompletedSuccessfully)
                {
                    t.Result.Dispose();
                }
                else
                {
                    _ = t.Exception;
                }
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private string PageQuery(ResourceTarget target, int limit, string? continueToken)
    {
        var query = new StringBuilder();
        AppendSelector(query, target);
        if (limit > 0)
        {
            Append(query, "limit", limit.ToString(CultureInfo.InvariantCulture));
        }

        if (continueToken is not null)
        {
            Append(query, "continue", continueToken);
        }

        return target.PathIn(_options.Namespace) + query;
    }

    /// <summary>The API went away (CRD removed): what it served is gone too.</summary>
    private void ClearOwned() => ApplyList([], []);

    private void ApplyList(List<IClusterObject> items, Dictionary<string, IReadOnlyList<SourceDiagnostic>> bad)
    {
        if (_spec.SoleOwner)
        {
            _store.Replace(_spec.Kind, items);
        }
        else
        {
            var fresh = items.Select(i => i.Key).ToHashSet();
            foreach (var gone in _owned.Where(k => !fresh.Contains(k)).ToList())
            {
                _store.Delete(_spec.Kind, gone);
                _owned.Remove(gone);
            }

            foreach (var item in items)
            {
                _store.Upsert(item);
                _owned.Add(item.Key);
            }
        }

        _diagnostics.ReplaceStream(_spec.Name, bad);
    }

    /// <summary>One list page's response and the deadline of reading it; dispose it once its items were read.</summary>
    private sealed class PageResponse(HttpResponseMessage response, CancellationTokenSource timeout, string pathAndQuery) : IDisposable
    {
        public HttpContent Content => response.Content;

        public CancellationToken Timeout => timeout.Token;

        public string PathAndQuery => pathAndQuery;

        public void Dispose()
        {
            response.Dispose();
            timeout.Dispose();
        }
    }

    /// <summary>
    /// Requests one page; its deadline (RequestTimeout) covers reading the body too. <paramref name="buffer"/>: read the
    /// whole body now (a page requested ahead, so the server is not held up until we get to it); else it streams.
    /// </summary>
    private async Task<PageResponse> OpenPageAsync(string pathAndQuery, bool buffer, CancellationToken ct)
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.RequestTimeout);
        HttpResponseMessage? response = null;
        try
        {
            response = await _api.GetAsync(pathAndQuery, timeout.Token).ConfigureAwait(false);
            if (buffer)
            {
                await response.Content.LoadIntoBufferAsync(timeout.Token).ConfigureAwait(false);
            }

            return new PageResponse(response, timeout, pathAndQuery);
        }
        catch
        {
            response?.Dispose();
            timeout.Dispose();
            throw;
        }
    }

    private readonly record struct WatchOutcome(bool Expired, bool Unproductive, string? Message);

    private async Task<WatchOutcome> WatchAsync(ResourceTarget target, string resourceVersion, CancellationToken ct)
    {
        var seconds = (int)(_options.WatchTimeout.TotalSeconds * (1 + Random.Shared.NextDouble()));
        var query = new StringBuilder();
        AppendSelector(query, target);
        Append(query, "watch", "1");
        Append(query, "allowWatchBookmarks", "true");
        Append(query, "resourceVersion", resourceVersion);
        Append(query, "timeoutSeconds", seconds.ToString(CultureInfo.InvariantCulture));

        // The server ends the watch after timeoutSeconds; if the connection silently died we stop waiting a bit later.
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(ct);
        guard.CancelAfter(TimeSpan.FromSeconds(seconds + 30));
        Stats.CountWatch();
        var started = DateTimeOffset.UtcNow;
        var events = 0;
        try
        {
            using var response = await _api.GetAsync(target.PathIn(_options.Namespace) + query, guard.Token).ConfigureAwait(false);
            Report(new StreamStatus(KindState.Synced, ApiVersion: target.ApiVersion));
            await using var stream = await response.Content.ReadAsStreamAsync(guard.Token).ConfigureAwait(false);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            while (await reader.ReadLineAsync(guard.Token).ConfigureAwait(false) is { } line)
            {
                if (line.Length == 0)
                {
                    continue;
                }

                var ev = WatchEvent.Parse(line, target.Path);
                events++;
                Stats.CountEvent();
                _connection.Reached();
                switch (ev.Type)
                {
                    case WatchEvent.Added or WatchEvent.Modified:
                        ApplyUpsert(target, ev.Object);
                        break;
                    case WatchEvent.Deleted:
                        ApplyDelete(target, ev.Object);
                        break;
                    case WatchEvent.Bookmark:
                        break;
                    case WatchEvent.Error:
                        KubeApiException error;
                        using (var status = JsonDocument.Parse(ev.Object))
                        {
                            error = KubeApiException.FromStatusObject(status.RootElement, target.Path);
                        }

                        if (error.IsExpired)
                        {
                            return new WatchOutcome(true, false, error.Message);
                        }

                        throw error;
                    default:
                        _logger.LogDebug("{Kind}: ignoring watch event of type {Type}", Label, ev.Type);
                        continue;
                }

                // Bookmarks carry only a resourceVersion: remembering it keeps a quiet watch resumable.
                if (ev.ResourceVersion is { Length: > 0 } next)
                {
                    _resourceVersion = next;
                }
            }
        }
        catch (OperationCanceledException) when (guard.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            _logger.LogDebug("{Kind}: watch exceeded its timeout without the server closing it; re-watching", Label);
        }

        var unproductive = events == 0 && DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(1);
        return new WatchOutcome(false, unproductive, null);
    }

    private void ApplyUpsert(ResourceTarget target, ReadOnlyMemory<byte> json)
    {
        var item = Decode(target, json, JsonTokenType.StartObject);
        if (item.Object is { } obj)
        {
            _store.Upsert(obj);
            if (!_spec.SoleOwner)
            {
                _owned.Add(obj.Key);
            }
        }

        _diagnostics.Set(_spec.Name, item.Name, item.Diagnostics);
    }

    private void ApplyDelete(ResourceTarget target, ReadOnlyMemory<byte> json)
    {
        var item = Decode(target, json, JsonTokenType.StartObject);
        var key = item.Object?.Key ?? KeyOf(target, json);
        if (key is { } k)
        {
            _store.Delete(_spec.Kind, k);
            _owned.Remove(k);
        }

        _diagnostics.Clear(_spec.Name, item.Name);
    }

    /// <summary>Key of a deleted object whose last state does not convert (rare: parsed as a document).</summary>
    private static ObjectKey? KeyOf(ResourceTarget target, ReadOnlyMemory<byte> json)
    {
        using var document = JsonDocument.Parse(json);
        return target.KeyOf(document.RootElement);
    }

    /// <summary>One object → record; a skipped one is logged here (its diagnostics say why).</summary>
    private DecodedItem Decode(ResourceTarget target, ReadOnlyMemory<byte> json, JsonTokenType first)
    {
        var item = LiveItemDecoder.FromJson(target, _spec.Kind, json, first);
        if (item.Object is null)
        {
            _logger.LogWarning("{Kind}: cannot convert {Object}: {Message}", Label, item.Name, item.Diagnostics[^1].Message);
        }

        return item;
    }

    private void Report(StreamStatus status) => _status.Report(_spec, status);

    private string RbacHint(ResourceTarget? target, bool oneShot = false)
    {
        target ??= _spec.Candidates[^1];
        var names = target.FieldSelector is { } fs && fs.StartsWith("metadata.name=", StringComparison.Ordinal)
            ? $", resourceNames [{fs["metadata.name=".Length..]}]"
            : "";
        var verbs = oneShot ? "[list]" : "[list, watch]";
        var where = _options.Namespace is { } ns && !target.ClusterScoped
            ? $"in namespace {ns}{names} (a Role bound with a RoleBinding)"
            : $"cluster-wide{names} (a ClusterRole bound with a ClusterRoleBinding)";
        return $"missing RBAC: verbs {verbs} on resource \"{target.Resource}\" in apiGroup \"{target.Group}\" {where}";
    }

    private static bool IsUnreachable(Exception e, CancellationToken ct) =>
        e is HttpRequestException or IOException || (e is OperationCanceledException && !ct.IsCancellationRequested);

    private static string Describe(Exception e) => e switch
    {
        KubeApiException k => $"{k.Message} (HTTP {k.Code}{(k.Reason is null ? "" : " " + k.Reason)})",
        WatchStreamException => e.Message,
        _ => $"{e.GetType().Name}: {e.Message}",
    };

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString(t < TimeSpan.FromSeconds(1) ? "0.00" : "0.#", CultureInfo.InvariantCulture) + " s";

    private static void AppendSelector(StringBuilder query, ResourceTarget target)
    {
        if (target.FieldSelector is { } selector)
        {
            Append(query, "fieldSelector", selector);
        }
    }

    private static void Append(StringBuilder query, string name, string value) =>
        query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));

    private static async Task DelayAsync(TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping: the loop's condition ends it.
        }
    }
}
