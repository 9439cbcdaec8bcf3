using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy;

/// <summary>
/// One ingress or egress rule of a policy that selects the pod, checked against the connection:
/// whether it admits it and, if not, why (each peer's mismatch and the port mismatch).
/// </summary>
public sealed record RuleEvaluation
{
    public required ObjectKey Policy { get; init; }
    /// <summary>"Ingress" or "Egress".</summary>
    public required string Direction { get; init; }
    public required int RuleIndex { get; init; }
    public required bool Admits { get; init; }
    /// <summary>The admission rests on an ipBlock that contains a pod IP (implementation-defined).</summary>
    public bool ViaIpBlock { get; init; }
    /// <summary>What matched ("peer[0] namespaceSelector ns=y") or, for a rule that does not admit, each reason it fails.</summary>
    public ImmutableArray<string> Reasons { get; init; } = [];

    /// <summary>"dev/allow-80-ingress ingress[0]".</summary>
    public string Label => $"{Policy} {Direction.ToLowerInvariant()}[{RuleIndex}]";
}
