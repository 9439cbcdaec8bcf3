using System.Collections.Immutable;

namespace ClusterNet.Core.Policy;

/// <summary>
/// Probes that every rule answers identically (same numeric matches, same named-port destinations) form one class
/// and share one matrix computation.
/// </summary>
internal sealed class PortClass(ImmutableArray<int> probeIndexes, Dictionary<int, PortMatch> ruleMatches)
{
    public ImmutableArray<int> ProbeIndexes { get; } = probeIndexes;
    /// <summary>By rule id.</summary>
    public Dictionary<int, PortMatch> RuleMatches { get; } = ruleMatches;
    public MatrixLayer Layer { get; set; } = null!;
}
