using System.Collections.Immutable;

namespace ClusterNet.Core.Policy.Calico;

/// <summary>A connection under Calico: allowed only when the source's egress and the destination's ingress both allow.</summary>
public sealed record CalicoReachResult
{
    public required ReachEndpoint From { get; init; }
    public required ReachEndpoint To { get; init; }
    public required ReachProbe Probe { get; init; }
    public required bool Allowed { get; init; }
    public required CalicoDirectionResult Egress { get; init; }
    public required CalicoDirectionResult Ingress { get; init; }
    /// <summary>Verdict first, then the deciding side.</summary>
    public required string Summary { get; init; }
    public ImmutableArray<string> Caveats { get; init; } = [];
}
