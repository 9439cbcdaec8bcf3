using System.Security.Claims;
using ClusterNet.Web.Snapshots;

namespace ClusterNet.Web.Security.Scoping;

/// <summary>
/// The signed-in user of one request or one Blazor circuit (DI scope) and what they may see. Set by
/// <see cref="RbacScopeSetup"/>'s middleware (requests) and <see cref="RbacScopeCircuitHandler"/> (circuits) before any
/// view reads the feed, so <see cref="ScopedSnapshotFeed.Current"/> (synchronous) rarely waits for the API server: a
/// stale view is served while a refresh runs in the background.
/// </summary>
public sealed class RbacScopeContext(RbacScopeService service, SnapshotFeed feed, ILogger<RbacScopeContext> logger)
{
    private readonly Lock _gate = new();
    private AccessIdentity? _identity;
    private bool _userSet;
    private ScopedView? _view;
    private Task<ScopedView>? _refresh;

    public AccessIdentity? Identity => _identity;

    public RbacScopeService Service => service;

    public void SetUser(ClaimsPrincipal? user)
    {
        var identity = service.IdentityOf(user);
        lock (_gate)
        {
            if (_userSet && _identity?.Key == identity?.Key)
            {
                return;
            }

            _identity = identity;
            _userSet = true;
            _view = null;
            _refresh = null;
        }

        if (identity is null && user?.Identity?.IsAuthenticated == true)
        {
            logger.LogWarning("Signed-in user has no user name claim; with Auth:ScopeByRbac they see nothing");
        }
    }

    /// <summary>A view younger than Auth:RbacCacheDuration, asking the API server if needed.</summary>
    public async Task<ScopedView> EnsureAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _view);
        if (current is not null && service.IsFresh(current))
        {
            return current;
        }

        return await StartRefresh().WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The view for synchronous readers: the last one (refreshed in the background once stale), or, before any, the
    /// answer waited for here. Without a signed-in user: nothing.
    /// </summary>
    public ScopedView ViewNow()
    {
        var current = Volatile.Read(ref _view);
        if (current is not null)
        {
            if (!service.IsFresh(current))
            {
                _ = StartRefresh();
            }

            return current;
        }

        if (!_userSet)
        {
            // Read outside any request or circuit that set a user (a mis-registered singleton): fail closed.
            logger.LogWarning("The scoped snapshot feed was read where no user was set; showing nothing");
            return ScopedView.Nothing;
        }

        // The reviews use ConfigureAwait(false) throughout, so blocking here cannot deadlock a circuit's dispatcher.
        return StartRefresh().GetAwaiter().GetResult();
    }

    private Task<ScopedView> StartRefresh()
    {
        lock (_gate)
        {
            if (_refresh is { IsCompleted: false } running)
            {
                return running;
            }

            var identity = _identity;
            _refresh = Task.Run(async () =>
            {
                try
                {
                    var view = await service.ResolveAsync(identity, feed.Current, CancellationToken.None).ConfigureAwait(false);
                    lock (_gate)
                    {
                        if (_identity?.Key == identity?.Key)
                        {
                            _view = view;
                        }
                    }

                    return view;
                }
                catch (Exception e)
                {
                    // Reviews already fail closed per question; this is e.g. a disposed client at shutdown.
                    logger.LogWarning(e, "Deciding what {User} may see failed; showing nothing", identity?.User);
                    return ScopedView.Nothing;
                }
            });
            return _refresh;
        }
    }
}
