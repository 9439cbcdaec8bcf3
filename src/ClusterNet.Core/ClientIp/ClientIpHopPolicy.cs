namespace ClusterNet.Core.ClientIp;

/// <summary>
/// The NetworkPolicy verdict of one in-cluster hop (e.g. ingress controller pod → app pod), from the policy engine:
/// the two ends as the engine saw them, the probe ("8080/TCP"), the verdict in the one wording every page uses
/// ("allowed", "denied", "implementation-defined") with the enforcement qualifier when the CNI does not enforce
/// ("denied · not enforced by this CNI (flannel)"), and the engine's one-sentence reason.
/// </summary>
public sealed record ClientIpHopPolicy(string From, string To, string Probe, string Verdict, string Summary)
{
    /// <summary>The engine said denied (whether or not the CNI enforces it).</summary>
    public bool Denied { get; init; }

    /// <summary>The CNI enforces NetworkPolicy (false: flannel alone; null: unknown CNI).</summary>
    public bool? Enforced { get; init; }
}
