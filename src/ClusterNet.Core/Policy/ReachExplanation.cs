using System.Collections.Immutable;

namespace ClusterNet.Core.Policy;

/// <summary>The verdict for one connection with the evidence: the egress side, the ingress side and how to test it for real.</summary>
public sealed record ReachExplanation
{
    public required ReachEndpoint From { get; init; }
    public required ReachEndpoint To { get; init; }
    public required ReachProbe Probe { get; init; }
    public required ReachVerdict Verdict { get; init; }
    /// <summary>The expected outcome as the upstream conformance tests define it (ipBlock matched against pod IPs).</summary>
    public required bool Allowed { get; init; }
    /// <summary>One sentence, verdict first.</summary>
    public required string Summary { get; init; }
    /// <summary>Set when <see cref="Verdict"/> is DependsOnImplementation: what the answer assumes.</summary>
    public string? Caveat { get; init; }
    public required DirectionExplanation Egress { get; init; }
    public required DirectionExplanation Ingress { get; init; }
    /// <summary>Commands that test the cell from inside the source pod (nc, then curl for TCP).</summary>
    public ImmutableArray<string> TestCommands { get; init; } = [];
}
