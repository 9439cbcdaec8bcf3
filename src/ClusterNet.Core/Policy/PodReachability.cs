using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy;

/// <summary>One pod against every pod on one probe: outbound (whom it can reach) or inbound (who can reach it).</summary>
public sealed record PodReachability
{
    public required ObjectKey Pod { get; init; }
    public required ReachProbe Probe { get; init; }
    /// <summary>True: Peers are destinations from Pod. False: Peers are sources reaching Pod.</summary>
    public required bool Outbound { get; init; }
    public required ImmutableArray<PeerReach> Peers { get; init; }

    public int AllowedCount => Peers.Count(p => p.Allowed);
}
