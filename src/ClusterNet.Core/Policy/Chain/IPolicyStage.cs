using System.Net;

namespace ClusterNet.Core.Policy.Chain;

/// <summary>
/// A stage of the policy chain, evaluated before or after the NetworkPolicy stage (see <see cref="PolicyChain"/>).
/// A stage answers per direction at the judged pod (source for egress, destination for ingress) with
/// <see cref="StageDecision"/>: Allow and Deny are final, Pass skips the remaining stages of the same
/// <see cref="Tier"/>, NoMatch goes on with the next stage. After the last stage the default is allow.
/// <para>
/// Plug-ins (Calico's tiers) implement this and register an <see cref="IPolicyStageProvider"/> in
/// <see cref="PolicyStageProviders"/>. Matrix answers use <see cref="Peers"/> (bitsets, once per pod and port class);
/// the one-pod overlay uses <see cref="Decide"/> (per pair, must be cheap); explanations use <see cref="Explain"/>.
/// </para>
/// </summary>
internal interface IPolicyStage
{
    /// <summary>The tier the stage belongs to: Pass jumps past every following stage of the same tier.</summary>
    string Tier { get; }

    /// <summary>
    /// Position in the chain, as Calico orders tiers: lower first. The NetworkPolicy stage sits at
    /// <see cref="PolicyChain.NetworkPolicyOrder"/> (Calico's default tier, 1,000,000); the Admin tier at 1,000 and the
    /// Baseline tier at 10,000,000 (the orders Calico gives its adminnetworkpolicy and baselineadminnetworkpolicy tiers).
    /// Equal orders keep provider order.
    /// </summary>
    double Order { get; }

    /// <summary>
    /// Rules whose ports the engine matches per probe (<see cref="PortMatch.Of"/>), so probes they answer alike share a
    /// port class and <see cref="StageContext.MatchOf"/> serves them. A stage with port logic PortMatch cannot express
    /// (Calico notPorts) returns its own signature in <see cref="ClassKey"/> instead.
    /// </summary>
    IEnumerable<CompiledRule> PortRules { get; }

    /// <summary>Extra port-class signature: probes with equal keys must get equal decisions. Null when <see cref="PortRules"/> suffice.</summary>
    string? ClassKey(ReachProbe probe);

    /// <summary>Does any policy of the stage judge this pod in this direction? (Not for hostNetwork pods.)</summary>
    bool Selects(int pod, bool ingress);

    /// <summary>
    /// Would a policy of the stage judge this hostNetwork pod if it were a normal pod? (It does not apply to it: the
    /// verdict then says the answer is implementation-defined, as for NetworkPolicy.)
    /// </summary>
    bool SelectsHostNetworkPod(int pod, bool ingress) => false;

    /// <summary>The decisions over every peer for one pod and direction on the context's port class.</summary>
    StagePeers Peers(StageContext context, int pod, bool ingress);

    /// <summary>The decision for one pair; <paramref name="peer"/> is a pod index (never -1 here).</summary>
    StageVerdict Decide(StageContext context, int pod, bool ingress, int peer);

    /// <summary>
    /// The decision for one connection with reasons. <paramref name="peer"/> is -1 for an external address
    /// (<paramref name="peerIp"/>); <paramref name="destination"/> is the destination pod (-1 when external) for named ports.
    /// Null when no policy of the stage selects the pod in that direction (the stage is then left out of the chain text).
    /// </summary>
    ChainStep? Explain(int pod, bool ingress, int peer, IPAddress? peerIp, int destination, ReachProbe probe);

    /// <summary>
    /// For a matrix patch: adds to <paramref name="changes"/> the pods whose answers in this stage may differ from
    /// <paramref name="before"/>'s (the same tier in the chain this one was derived from), wholly or only at some peers,
    /// and the port rules <paramref name="before"/> did not hold. False when the stage cannot tell; the caller then
    /// recomputes the whole matrix.
    /// </summary>
    bool AddChanges(IPolicyStage before, StageChanges changes) => false;
}
