using System.Collections.Concurrent;
using System.Collections.Immutable;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace ClusterNet.Kubernetes.Access;

/// <summary>
/// Asks the API server, through SubjectAccessReview, which namespaces a user (and their groups) may list pods in, and
/// whether they may list nodes (the right that unlocks cluster-scoped views). One cluster-wide "list pods" review
/// answers every namespace at once for cluster readers; otherwise one review per namespace, a few at a time.
/// Answers are cached briefly per user+groups, per namespace: a page load must not cost one review per namespace each
/// time, and a new namespace costs one review, not a new round for all. Any failure counts as "no access" (fail closed).
/// </summary>
public sealed class SubjectAccessReviewer
{
    private const int MaxConcurrentReviews = 8;

    private readonly IKubernetes _client;
    private readonly TimeSpan _cacheDuration;
    private readonly ILogger<SubjectAccessReviewer> _logger;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, Lazy<Task<Decision>>> _cache = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _throttle = new(MaxConcurrentReviews);
    private int _reviewCount;
    private long _lastSweepTicks;

    public SubjectAccessReviewer(IKubernetes client, TimeSpan cacheDuration, ILogger<SubjectAccessReviewer> logger, TimeProvider? time = null)
    {
        _client = client;
        _cacheDuration = cacheDuration;
        _logger = logger;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Reviews sent so far (tests check that answers are cached).</summary>
    public int ReviewCount => Volatile.Read(ref _reviewCount);

    public async Task<UserScope> ScopeForAsync(string user, IReadOnlyCollection<string> groups, IEnumerable<string> namespaces, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(user);
        var now = _time.GetUtcNow();
        if (IsReserved(user))
        {
            // The API server's own identities (system:masters, nodes, controllers) are never asked about for a person.
            return new UserScope(new HashSet<string>(StringComparer.Ordinal), false, now);
        }

        var sortedGroups = groups.Where(g => !IsReserved(g)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToImmutableArray();
        var subject = Unambiguous([user, .. sortedGroups]);
        SweepIfDue(now);

        // Cluster-wide rights: one entry per subject.
        var cluster = await CachedAsync(subject + "|*", now, ct => ClusterDecisionAsync(user, sortedGroups, ct), cancellationToken).ConfigureAwait(false);
        var decidedAt = cluster.DecidedAt;
        if (cluster.Pods)
        {
            return new UserScope(namespaces.ToHashSet(StringComparer.Ordinal), cluster.Nodes, decidedAt, AllNamespaces: true);
        }

        var allowed = new HashSet<string>(StringComparer.Ordinal);
        var checks = namespaces.Distinct(StringComparer.Ordinal).Select(async ns =>
        {
            var d = await CachedAsync(subject + "|" + Unambiguous([ns]), now, ct => NamespaceDecisionAsync(user, sortedGroups, ns, ct), cancellationToken).ConfigureAwait(false);
            return (ns, d);
        });
        foreach (var (ns, d) in await Task.WhenAll(checks).ConfigureAwait(false))
        {
            if (d.Pods)
            {
                allowed.Add(ns);
            }

            if (d.DecidedAt < decidedAt)
            {
                decidedAt = d.DecidedAt;
            }
        }

        return new UserScope(allowed, cluster.Nodes, decidedAt);
    }

    /// <summary>Answers held, expired ones included until the next sweep (tests).</summary>
    public int CachedCount => _cache.Count;

    /// <summary>Names starting with <c>system:</c> belong to the API server's own components.</summary>
    public static bool IsReserved(string name) => name.StartsWith("system:", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// "length:text" per part: no user name (a newline in it included) can spell another user's groups, so two
    /// subjects never share a cache entry.
    /// </summary>
    private static string Unambiguous(IEnumerable<string> parts)
    {
        var text = new System.Text.StringBuilder();
        foreach (var part in parts)
        {
            text.Append(part.Length).Append(':').Append(part);
        }

        return text.ToString();
    }

    /// <summary>
    /// Drops expired answers at most once per cache duration: without it every user and namespace ever asked about
    /// stays in memory (an entry is otherwise only replaced when the same question comes again).
    /// </summary>
    private void SweepIfDue(DateTimeOffset now)
    {
        var last = new DateTimeOffset(Interlocked.Read(ref _lastSweepTicks), TimeSpan.Zero);
        if (now - last < _cacheDuration || Interlocked.CompareExchange(ref _lastSweepTicks, now.UtcTicks, last.UtcTicks) != last.UtcTicks)
        {
            return;
        }

        foreach (var entry in _cache)
        {
            if (entry.Value.IsValueCreated && entry.Value.Value.IsCompletedSuccessfully && now - entry.Value.Value.Result.DecidedAt >= _cacheDuration)
            {
                _cache.TryRemove(entry);
            }
        }
    }

    private async Task<Decision> CachedAsync(string key, DateTimeOffset now, Func<CancellationToken, Task<Decision>> decide, CancellationToken cancellationToken)
    {
        while (true)
        {
            // The review runs without the caller's token: it is shared by every caller waiting for the same key.
            var entry = _cache.GetOrAdd(key, _ => new Lazy<Task<Decision>>(() => decide(CancellationToken.None)));
            Decision decision;
            try
            {
                decision = await entry.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                _cache.TryRemove(new KeyValuePair<string, Lazy<Task<Decision>>>(key, entry));
                throw;
            }

            if (now - decision.DecidedAt < _cacheDuration)
            {
                return decision;
            }

            // Stale: drop exactly this entry (another caller may already have replaced it) and ask again.
            _cache.TryRemove(new KeyValuePair<string, Lazy<Task<Decision>>>(key, entry));
        }
    }

    private async Task<Decision> ClusterDecisionAsync(string user, ImmutableArray<string> groups, CancellationToken cancellationToken)
    {
        var pods = AllowedAsync(user, groups, null, "pods", cancellationToken);
        var nodes = AllowedAsync(user, groups, null, "nodes", cancellationToken);
        return new Decision(await pods.ConfigureAwait(false), await nodes.ConfigureAwait(false), _time.GetUtcNow());
    }

    private async Task<Decision> NamespaceDecisionAsync(string user, ImmutableArray<string> groups, string ns, CancellationToken cancellationToken) =>
        new(await AllowedAsync(user, groups, ns, "pods", cancellationToken).ConfigureAwait(false), false, _time.GetUtcNow());

    private async Task<bool> AllowedAsync(string user, ImmutableArray<string> groups, string? ns, string resource, CancellationToken cancellationToken)
    {
        var review = new V1SubjectAccessReview
        {
            Spec = new V1SubjectAccessReviewSpec
            {
                User = user,
                Groups = [.. groups],
                ResourceAttributes = new V1ResourceAttributes { NamespaceProperty = ns, Verb = "list", Resource = resource, Group = "" },
            },
        };
        await _throttle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Interlocked.Increment(ref _reviewCount);
            var result = await _client.AuthorizationV1.CreateSubjectAccessReviewAsync(review, cancellationToken: cancellationToken).ConfigureAwait(false);
            return result.Status?.Allowed == true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogWarning(ex, "SubjectAccessReview for {User} list {Resource} in {Namespace} failed; treating as denied", user, resource, ns ?? "(all namespaces)");
            return false;
        }
        finally
        {
            _throttle.Release();
        }
    }

    /// <summary>Pods: may list pods (cluster-wide for the "*" entry, else in that namespace); Nodes: may list nodes ("*" entry only).</summary>
    private sealed record Decision(bool Pods, bool Nodes, DateTimeOffset DecidedAt);
}
