namespace ClusterNet.Core.Policy.Chain;

/// <summary>
/// What a matrix patch must recompute after the chain changed (filled by <see cref="IPolicyStage.AddChanges"/>):
/// pods whose whole answer in a direction may differ (<see cref="Ingress"/>, <see cref="Egress"/>), and pods whose
/// answer may differ only at some peers (<see cref="PeerIngress"/> with <see cref="IngressPeers"/>, the same for
/// egress): a policy compiled again only because a network set changed the nets its rules pick can flip a cell only
/// where the peer's IP lies in those nets, so only those cells need recomputing. A pod in both keeps the whole recompute.
/// </summary>
internal sealed class StageChanges(int pods)
{
    public PodSet Ingress { get; } = new(pods);
    public PodSet Egress { get; } = new(pods);
    /// <summary>Port rules the chain did not hold before (the port classes are checked against them).</summary>
    public List<CompiledRule> NewRules { get; } = [];

    /// <summary>Pods whose ingress answer may differ only at sources in <see cref="IngressPeers"/>.</summary>
    public PodSet PeerIngress { get; } = new(pods);
    public PodSet IngressPeers { get; } = new(pods);

    /// <summary>Pods whose egress answer may differ only at destinations in <see cref="EgressPeers"/>.</summary>
    public PodSet PeerEgress { get; } = new(pods);
    public PodSet EgressPeers { get; } = new(pods);
}
