using System.Collections.Concurrent;
using ClusterNet.Core.Access;
using ClusterNet.Core.Model;
using ClusterNet.Web.Hubs;
using ClusterNet.Web.Snapshots;
using Microsoft.AspNetCore.SignalR;

namespace ClusterNet.Web.Security.Scoping;

/// <summary>
/// Who receives which <c>SnapshotChanged</c>. Without Auth:ScopeByRbac every connection gets the same message. With it,
/// connections are grouped by identity and each group gets counts (and changed kinds) of its own cut snapshot, so a
/// user learns neither how many pods other namespaces hold nor that they changed.
/// </summary>
public sealed class HubAudience(IServiceProvider services, ILogger<HubAudience> logger)
{
    private readonly ConcurrentDictionary<string, Member> _members = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _groupOfConnection = new(StringComparer.Ordinal);
    // Resolved on first use: resolving it while the host builds its hosted services would talk to the source
    // before the configuration is validated (and explained).
    private readonly Lazy<RbacScopeService?> _lazyScopes = new(services.GetService<RbacScopeService>);

    private RbacScopeService? Scopes => _lazyScopes.Value;

    /// <summary>Identity groups with at least one connection (tests).</summary>
    public int GroupCount => _members.Count;

    public async Task JoinAsync(HubCallerContext connection, IGroupManager groups)
    {
        if (Scopes is not { } scopes)
        {
            return;
        }

        var identity = scopes.IdentityOf(connection.User);
        var group = GroupName(identity);
        _groupOfConnection[connection.ConnectionId] = group;
        var current = services.GetRequiredService<SnapshotFeed>().Current;
        var view = await scopes.ResolveAsync(identity, current, connection.ConnectionAborted).ConfigureAwait(false);
        var seen = scopes.Restrict(current, view);
        // Into the SignalR group first, then counted as a member: once a member is visible, messages reach it.
        await groups.AddToGroupAsync(connection.ConnectionId, group, connection.ConnectionAborted).ConfigureAwait(false);
        _members.AddOrUpdate(group, _ => new Member(identity, 1, seen), (_, m) => m with { Connections = m.Connections + 1 });
    }

    public void Leave(HubCallerContext connection)
    {
        if (Scopes is null || !_groupOfConnection.TryRemove(connection.ConnectionId, out var group))
        {
            return;
        }

        while (_members.TryGetValue(group, out var member))
        {
            if (member.Connections <= 1
                ? _members.TryRemove(new KeyValuePair<string, Member>(group, member))
                : _members.TryUpdate(group, member with { Connections = member.Connections - 1 }, member))
            {
                return;
            }
        }
    }

    /// <summary>Sends one batch: one message to all, or one per identity group.</summary>
    public async Task SendAsync(IHubContext<ClusterHub> hub, SnapshotBatch batch, CancellationToken cancellationToken)
    {
        if (Scopes is not { } scopes)
        {
            await hub.Clients.All.SendAsync(ClusterHub.SnapshotChanged, ClusterHubPump.ToMessage(batch), cancellationToken).ConfigureAwait(false);
            return;
        }

        foreach (var (group, member) in _members.ToArray())
        {
            try
            {
                var view = await scopes.ResolveAsync(member.Identity, batch.Snapshot, cancellationToken).ConfigureAwait(false);
                var cut = scopes.Restrict(batch.Snapshot, view);
                var changed = SnapshotScope.ChangedKinds(member.LastSent, cut, batch.ChangedKinds);
                if (changed.IsEmpty && SameStatus(member.LastSent, cut))
                {
                    // Nothing this identity can see changed: a message would still tell them something changed elsewhere.
                    continue;
                }

                _members.TryUpdate(group, member with { LastSent = cut }, member);
                await hub.Clients.Group(group).SendAsync(ClusterHub.SnapshotChanged, ClusterHubPump.ToMessage(batch with { Snapshot = cut, ChangedKinds = changed }), cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One group's failure must not keep the others from their updates.
                logger.LogWarning(e, "Sending snapshot version {Version} to {User} failed", batch.Version, member.Identity?.User ?? "(no identity)");
            }
        }
    }

    /// <summary>Same counts and sync states per kind (the cut caps every figure at what the identity sees).</summary>
    private static bool SameStatus(ClusterSnapshot previous, ClusterSnapshot current) =>
        previous.Kinds.Count == current.Kinds.Count &&
        current.Kinds.All(kv => previous.Kinds.TryGetValue(kv.Key, out var before) && before == kv.Value);

    private static string GroupName(AccessIdentity? identity) => "scope:" + (identity?.Key ?? "nobody");

    private sealed record Member(AccessIdentity? Identity, int Connections, ClusterSnapshot LastSent);
}
