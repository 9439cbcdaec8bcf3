namespace ClusterNet.Core.Policy.Chain;

/// <summary>
/// One stage's decisions for one pod and direction on one port class, as sets of peers (sources for ingress,
/// destinations for egress): peers in none of Allow/Deny/Pass are <see cref="StageDecision.NoMatch"/>. The sets are
/// disjoint. <see cref="Ambiguous"/> holds peers whose decision depends on an implementation-defined choice (policies
/// of equal priority that disagree); it is null when there is none.
/// </summary>
internal sealed class StagePeers(PodSet allow, PodSet deny, PodSet pass, PodSet? ambiguous)
{
    public PodSet Allow { get; } = allow;
    public PodSet Deny { get; } = deny;
    public PodSet Pass { get; } = pass;
    public PodSet? Ambiguous { get; } = ambiguous;

    private static int _next;

    /// <summary>
    /// A number no other answer has (process-wide, never 0): the chain keys compositions by it. Identity hashing of
    /// hundreds of thousands of fresh answers per matrix was a tenth of the composition's time.
    /// </summary>
    public int Id { get; } = Interlocked.Increment(ref _next);
}
