using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace ClusterNet.Kubernetes.Access;

/// <summary>
/// Asks the API server, through SubjectAccessReview, which namespaces a user (and their groups) may list pods in.
/// Answers are cached briefly per user+groups: a page load must not cost one review per namespace each time.
/// Any failure counts as "no access" for that namespace (fail closed).
/// </summary>
public sealed class SubjectAccessReviewer(IKubernetes client, TimeSpan cacheDuration, ILogger<SubjectAccessReviewer> logger, TimeProvider? time = null)
{
    private readonly ConcurrentDictionary<string, Task<UserScope>> _cache = new();
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<UserScope> ScopeForAsync(string user, IReadOnlyCollection<string> groups, IEnumerable<string> namespaces, CancellationToken cancellationToken)
    {
        var nsList = namespaces.Order(StringComparer.Ordinal).ToList();
        var key = $"{user}\n{string.Join(',', groups.Order(StringComparer.Ordinal))}\n{string.Join(',', nsList)}";
        if (_cache.TryGetValue(key, out var cached))
        {
            var scope = await cached.ConfigureAwait(false);
            if (_time.GetUtcNow() - scope.DecidedAt < cacheDuration)
            {
                return scope;
            }

            _cache.TryRemove(key, out _);
        }

        var task = _cache.GetOrAdd(key, _ => DecideAsync(user, groups, nsList, cancellationToken));
        try
        {
            return await task.ConfigureAwait(false);
        }
        catch
        {
            _cache.TryRemove(key, out _);
            throw;
        }
    }

    private async Task<UserScope> DecideAsync(string user, IReadOnlyCollection<string> groups, List<string> namespaces, CancellationToken cancellationToken)
    {
        var allowed = new HashSet<string>(StringComparer.Ordinal);
        var checks = namespaces.Select(async ns => (ns, ok: await AllowedAsync(user, groups, ns, "pods", cancellationToken).ConfigureAwait(false)));
        foreach (var (ns, ok) in await Task.WhenAll(checks).ConfigureAwait(false))
        {
            if (ok)
            {
                allowed.Add(ns);
            }
        }

        var cluster = await AllowedAsync(user, groups, null, "nodes", cancellationToken).ConfigureAwait(false);
        return new UserScope(allowed, cluster, _time.GetUtcNow());
    }

    private async Task<bool> AllowedAsync(string user, IReadOnlyCollection<string> groups, string? ns, string resource, CancellationToken cancellationToken)
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
        try
        {
            var result = await client.AuthorizationV1.CreateSubjectAccessReviewAsync(review, cancellationToken: cancellationToken).ConfigureAwait(false);
            return result.Status?.Allowed == true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "SubjectAccessReview for {User} list {Resource} in {Namespace} failed; treating as denied", user, resource, ns ?? "(cluster)");
            return false;
        }
    }
}
