using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using ClusterNet.Core.Access;
using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Access;
using Microsoft.Extensions.Options;

namespace ClusterNet.Web.Security.Scoping;

/// <summary>
/// Auth:ScopeByRbac for the whole app: asks the API server (through <see cref="SubjectAccessReviewer"/>, cached) what an
/// identity may see and cuts snapshots to it. Cut snapshots are kept per source snapshot and scope, so every circuit,
/// request and hub group with the same rights shares one object (and the caches keyed by snapshot keep working).
/// </summary>
public sealed class RbacScopeService(SubjectAccessReviewer reviewer, IOptions<AuthOptions> options, TimeProvider time)
{
    private const int MaxRememberedScopes = 256;
    private readonly ConditionalWeakTable<ClusterSnapshot, ConcurrentDictionary<string, ClusterSnapshot>> _cut = [];

    // The newest cut per scope, so the next snapshot's unchanged kinds are reused (bounded: scopes of users long gone).
    private readonly ConcurrentDictionary<string, (ClusterSnapshot Source, ClusterSnapshot Cut)> _lastCut = new(StringComparer.Ordinal);

    public AuthOptions Options => options.Value;

    public AccessIdentity? IdentityOf(System.Security.Claims.ClaimsPrincipal? principal) => AccessIdentity.From(principal, options.Value);

    /// <summary>The identity's scope over the namespaces <paramref name="snapshot"/> knows; <see cref="ScopedView.Nothing"/> without an identity.</summary>
    public async Task<ScopedView> ResolveAsync(AccessIdentity? identity, ClusterSnapshot snapshot, CancellationToken cancellationToken)
    {
        if (identity is null)
        {
            return ScopedView.Nothing;
        }

        var scope = await reviewer.ScopeForAsync(identity.User, identity.Groups, SnapshotScope.NamespacesOf(snapshot), cancellationToken).ConfigureAwait(false);
        return ScopedView.Of(scope);
    }

    /// <summary>Whether the answers behind a view are younger than Auth:RbacCacheDuration.</summary>
    public bool IsFresh(ScopedView view) => time.GetUtcNow() - view.Scope.DecidedAt < options.Value.RbacCacheDuration;

    public ClusterSnapshot Restrict(ClusterSnapshot snapshot, ScopedView view)
    {
        var scope = view.Scope;
        if (scope.AllNamespaces && scope.ClusterScoped)
        {
            return snapshot;
        }

        var perScope = _cut.GetValue(snapshot, static _ => new ConcurrentDictionary<string, ClusterSnapshot>(StringComparer.Ordinal));
        return perScope.GetOrAdd(view.Key, static (key, state) => state.self.Cut(state.snapshot, state.scope, key), (self: this, snapshot, scope));
    }

    private ClusterSnapshot Cut(ClusterSnapshot snapshot, UserScope scope, string key)
    {
        (ClusterSnapshot Source, ClusterSnapshot Cut)? previous = _lastCut.TryGetValue(key, out var last) && last.Source.Version <= snapshot.Version ? last : null;
        var cut = SnapshotScope.Restrict(snapshot, scope.Allows, scope.ClusterScoped, scope.AllNamespaces, previous);
        if (_lastCut.Count >= MaxRememberedScopes)
        {
            _lastCut.Clear();
        }

        _lastCut[key] = (snapshot, cut);
        return cut;
    }
}
