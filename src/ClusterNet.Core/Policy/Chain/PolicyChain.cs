using System.Collections.Immutable;
using System.Net;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy.Chain;

/// <summary>
/// The order in which policy families judge a connection, per direction: the stages before NetworkPolicy (Admin tier,
/// Calico tiers ordered before the default tier), the NetworkPolicy stage, the stages after it (Baseline tier), then the
/// default allow. Allow and Deny are final; Pass skips the rest of the stage's tier; NoMatch goes on. The NetworkPolicy
/// stage decides for pods it isolates (its allow set, everything else denied) and says nothing for the others.
/// With no stages (the common NetworkPolicy-only cluster) every method falls through to the NetworkPolicy answer, so the
/// engine's bitset paths are unchanged.
/// </summary>
internal sealed class PolicyChain
{
    /// <summary>The NetworkPolicy stage's order: Calico's default tier (where Kubernetes NetworkPolicies live).</summary>
    public const double NetworkPolicyOrder = 1_000_000;
    public const string DefaultNetworkPolicyTier = "NetworkPolicy";

    public static readonly PolicyChain Empty = new([], DefaultNetworkPolicyTier);

    private readonly ImmutableArray<IPolicyStage> _stages;
    /// <summary>Index in _stages where the NetworkPolicy stage sits (stages before it have a lower order).</summary>
    private readonly int _npAt;

    public PolicyChain(IEnumerable<IPolicyStage> stages, string networkPolicyTier)
    {
        var ordered = stages.Select((s, i) => (s, i)).OrderBy(x => x.s.Order).ThenBy(x => x.i).Select(x => x.s).ToImmutableArray();
        _stages = ordered;
        _npAt = ordered.Count(s => s.Order < NetworkPolicyOrder);
        NetworkPolicyTier = networkPolicyTier;
    }

    public bool IsEmpty => _stages.IsEmpty;

    public ImmutableArray<IPolicyStage> Stages => _stages;

    public string NetworkPolicyTier { get; }

    public static PolicyChain Build(ClusterSnapshot snapshot, PolicyCompiler compiler)
    {
        var stages = new List<IPolicyStage>();
        string? npTier = null;
        foreach (var provider in PolicyStageProviders.All)
        {
            stages.AddRange(provider.Stages(snapshot, compiler));
            npTier ??= provider.NetworkPolicyTier(snapshot);
        }

        return stages.Count == 0 && npTier is null ? Empty : new PolicyChain(stages, npTier ?? DefaultNetworkPolicyTier);
    }

    /// <summary>Whether every stage family has the same inputs in both snapshots (then a built chain can be kept).</summary>
    public static bool SameInputs(ClusterSnapshot a, ClusterSnapshot b) => PolicyStageProviders.All.All(p => p.SameInputs(a, b));

    /// <summary>Does any stage judge the pod in that direction?</summary>
    public bool Selects(int pod, bool ingress)
    {
        foreach (var s in _stages)
        {
            if (s.Selects(pod, ingress))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Would a stage judge this hostNetwork pod (were it a normal pod)?</summary>
    public bool SelectsHostNetworkPod(int pod, bool ingress)
    {
        foreach (var s in _stages)
        {
            if (s.SelectsHostNetworkPod(pod, ingress))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The tier of position k (the NetworkPolicy stage is position _npAt; stage i sits at i or i+1).</summary>
    private string TierAt(int position) => position == _npAt ? NetworkPolicyTier : _stages[position < _npAt ? position : position - 1].Tier;

    /// <summary>
    /// Peers admitted for one pod and direction: the chain over the NetworkPolicy answer <paramref name="np"/> (null when
    /// NetworkPolicy does not isolate the pod). Returns <paramref name="np"/> itself when no stage judges the pod.
    /// <paramref name="ambiguous"/> gets the peers whose answer rests on an implementation-defined tie.
    /// </summary>
    public PodSet? Compose(StageContext context, int pod, bool ingress, PodSet? np, out PodSet? ambiguous)
    {
        ambiguous = null;
        if (!Selects(pod, ingress))
        {
            return np;
        }

        var n = context.Index.PodCount;
        var reach = PodSet.All(n);
        var allowed = new PodSet(n);
        var pending = new PodSet(n);
        var positions = _stages.Length + 1;
        for (var k = 0; k < positions; k++)
        {
            if (k == _npAt)
            {
                if (np is not null)
                {
                    var a = reach.Clone();
                    a.IntersectWith(np);
                    allowed.UnionWith(a);
                    reach = new PodSet(n);
                }
            }
            else
            {
                var stage = _stages[k < _npAt ? k : k - 1];
                if (stage.Selects(pod, ingress))
                {
                    var peers = stage.Peers(context, pod, ingress);
                    if (peers.Ambiguous is { } amb)
                    {
                        var hit = amb.Clone();
                        hit.IntersectWith(reach);
                        if (!hit.IsEmpty)
                        {
                            ambiguous ??= new PodSet(n);
                            ambiguous.UnionWith(hit);
                        }
                    }

                    var a = peers.Allow.Clone();
                    a.IntersectWith(reach);
                    allowed.UnionWith(a);
                    var p = peers.Pass.Clone();
                    p.IntersectWith(reach);
                    pending.UnionWith(p);
                    reach.ExceptWith(peers.Allow);
                    reach.ExceptWith(peers.Deny);
                    reach.ExceptWith(peers.Pass);
                }
            }

            if (k == positions - 1 || TierAt(k + 1) != TierAt(k))
            {
                reach.UnionWith(pending);
                pending = new PodSet(n);
            }
        }

        allowed.UnionWith(reach);
        return allowed;
    }

    /// <summary>
    /// One pair: is the peer admitted, given the NetworkPolicy answer (null when it does not isolate the pod)?
    /// <paramref name="ambiguous"/> is set when the answer rests on an implementation-defined tie.
    /// </summary>
    public bool DecidePair(StageContext context, int pod, bool ingress, int peer, bool? np, out bool ambiguous)
    {
        ambiguous = false;
        var positions = _stages.Length + 1;
        string? skipTier = null;
        for (var k = 0; k < positions; k++)
        {
            var tier = TierAt(k);
            if (skipTier is not null)
            {
                if (tier == skipTier)
                {
                    continue;
                }

                skipTier = null;
            }

            if (k == _npAt)
            {
                if (np is { } decided)
                {
                    return decided;
                }

                continue;
            }

            var stage = _stages[k < _npAt ? k : k - 1];
            if (!stage.Selects(pod, ingress))
            {
                continue;
            }

            var v = stage.Decide(context, pod, ingress, peer);
            ambiguous |= v.Ambiguous;
            switch (v.Decision)
            {
                case StageDecision.Allow:
                    return true;
                case StageDecision.Deny:
                    return false;
                case StageDecision.Pass:
                    skipTier = tier;
                    break;
            }
        }

        return true;
    }

    /// <summary>
    /// The chain for one connection in one direction: every stage that judged it, in order, ending with the deciding
    /// one. <paramref name="npStep"/> builds the NetworkPolicy link (null when NetworkPolicy does not isolate the pod).
    /// Returns the steps and whether the direction allows.
    /// </summary>
    public (ImmutableArray<ChainStep> Steps, bool Allows) Explain(
        int pod, string podName, bool ingress, int peer, IPAddress? peerIp, int destination, ReachProbe probe, Func<ChainStep?> npStep)
    {
        var steps = ImmutableArray.CreateBuilder<ChainStep>();
        var positions = _stages.Length + 1;
        string? skipTier = null;
        for (var k = 0; k < positions; k++)
        {
            var tier = TierAt(k);
            if (skipTier is not null)
            {
                if (tier == skipTier)
                {
                    continue;
                }

                skipTier = null;
            }

            ChainStep? step;
            if (k == _npAt)
            {
                step = npStep();
                if (step is null)
                {
                    steps.Add(new ChainStep
                    {
                        Tier = NetworkPolicyTier,
                        Decision = StageDecision.NoMatch,
                        Text = $"NetworkPolicy: none selects {podName} for {(ingress ? "ingress" : "egress")}",
                    });
                    continue;
                }
            }
            else
            {
                step = _stages[k < _npAt ? k : k - 1].Explain(pod, ingress, peer, peerIp, destination, probe);
                if (step is null)
                {
                    continue;
                }
            }

            steps.Add(step);
            switch (step.Decision)
            {
                case StageDecision.Allow:
                    return (steps.ToImmutable(), true);
                case StageDecision.Deny:
                    return (steps.ToImmutable(), false);
                case StageDecision.Pass:
                    skipTier = tier;
                    break;
            }
        }

        steps.Add(new ChainStep { Tier = "default", Decision = StageDecision.Allow, Text = "no tier decides: allowed by default" });
        return (steps.ToImmutable(), true);
    }
}
