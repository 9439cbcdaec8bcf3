using ClusterNet.Core.Model;

namespace ClusterNet.Web.Snapshots;

/// <summary>
/// Which snapshot a page model's memo was computed on, without keeping that snapshot alive. Page models are scoped to
/// the circuit, so a memo holding the snapshot itself kept the snapshot of the user's last visit to that page for the
/// circuit's life (seen in gcdumps: a whole old snapshot per page visited, after the user moved on).
/// </summary>
public sealed class SnapshotIdentity(ClusterSnapshot snapshot)
{
    private readonly WeakReference<ClusterSnapshot> _snapshot = new(snapshot);

    /// <summary>True when <paramref name="other"/> is the very snapshot (by reference) and it is still alive.</summary>
    public bool Is(ClusterSnapshot other) => _snapshot.TryGetTarget(out var s) && ReferenceEquals(s, other);

    /// <summary>The snapshot, if something else still holds it.</summary>
    public ClusterSnapshot? Target => _snapshot.TryGetTarget(out var s) ? s : null;
}
