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

    public static readonly PolicyChain Empty = new(Array.Empty<IPolicyStage>(), DefaultNetworkPolicyTier);

    private readonly ImmutableArray<IPolicyStage> _stages;
    /// <summary>Index in _stages where the NetworkPolicy stage sits (stages before it have a lower order).</summary>
    private readonly int _npAt;

    /// <summary>Per registered provider, the stages it built (null for <see cref="Empty"/> and hand-made chains).</summary>
    private readonly IReadOnlyList<IPolicyStage>[]? _groups;

    private PolicyChain(IReadOnlyList<IPolicyStage>[] groups, string networkPolicyTier)
        : this(groups.SelectMany(g => g), networkPolicyTier) => _groups = groups;

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

    public static PolicyChain Build(ClusterSnapshot snapshot, PolicyCompiler compiler) => Assemble(snapshot, i => [.. PolicyStageProviders.All[i].Stages(snapshot, compiler)]);

    /// <summary>
    /// The chain for <paramref name="after"/>, a snapshot with the same pods and namespaces as <paramref name="before"/>
    /// (this chain's): families with the same inputs keep their stages, the others derive theirs recompiling only the
    /// changed policies (a family that cannot derive builds afresh). Returns this chain when nothing changed.
    /// </summary>
    public PolicyChain Derive(ClusterSnapshot before, ClusterSnapshot after, PolicyCompiler compiler)
    {
        if (SameInputs(before, after))
        {
            return this;
        }

        if (_groups is null)
        {
            return Build(after, compiler);
        }

        return Assemble(after, i =>
        {
            var provider = PolicyStageProviders.All[i];
            return provider.SameInputs(before, after) ? _groups[i]
                : provider.Derive(before, after, _groups[i], compiler) ?? [.. provider.Stages(after, compiler)];
        });
    }

    private static PolicyChain Assemble(ClusterSnapshot snapshot, Func<int, IReadOnlyList<IPolicyStage>> stagesOf)
    {
        var providers = PolicyStageProviders.All;
        var groups = new IReadOnlyList<IPolicyStage>[providers.Count];
        string? npTier = null;
        for (var i = 0; i < providers.Count; i++)
        {
            groups[i] = stagesOf(i);
            npTier ??= providers[i].NetworkPolicyTier(snapshot);
        }

        return groups.All(g => g.Count == 0) && npTier is null ? Empty : new PolicyChain(groups, npTier ?? DefaultNetworkPolicyTier);
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
    public PodSet? Compose(StageContext context, int pod, bool ingress, PodSet? np, out PodSet? ambiguous) =>
        Compose(context, pod, ingress, np, np, out ambiguous).Full;

    /// <summary>
    /// The chain over two NetworkPolicy answers for the same pod (with and without ipBlocks matching pod IPs): the
    /// stages answer once for both. <paramref name="ambiguous"/> is the full answer's.
    /// </summary>
    public (PodSet? Full, PodSet? Strict) Compose(StageContext context, int pod, bool ingress, PodSet? np, PodSet? strictNp, out PodSet? ambiguous)
    {
        ambiguous = null;
        if (!Selects(pod, ingress))
        {
            return (np, strictNp);
        }

        // Pods with the same NetworkPolicy answer and the same stage answers (both cached by reference per port class)
        // share one composition: the key is those objects' numbers (the answers' own, the NetworkPolicy set's in the context).
        // The arrays are this class's scratch (one thread per context); a key keeps a copy only when it is stored.
        var scratch = context.StateOf(this, () => new ComposeState(_stages.Length));
        var (peers, ids) = (scratch.Peers, scratch.Ids);
        ids[0] = ingress ? 1 : 0;
        for (var i = 0; i < _stages.Length; i++)
        {
            peers[i] = null;
            if (_stages[i].Selects(pod, ingress))
            {
                peers[i] = context.Project(_stages[i].Peers(context, pod, ingress));
            }

            ids[i + 2] = peers[i]?.Id ?? 0;
        }

        var full = ComposeCached(context, scratch.Compositions, ids, np, peers, out ambiguous);
        var strict = ReferenceEquals(strictNp, np) ? full : ComposeCached(context, scratch.Compositions, ids, strictNp, peers, out _);
        return (full, strict);
    }

    /// <summary>One class's composition state: the compositions by inputs, and scratch arrays for a call's inputs.</summary>
    private sealed class ComposeState(int stages)
    {
        public Dictionary<CompositionKey, (PodSet, PodSet?)> Compositions { get; } = [];
        public StagePeers?[] Peers { get; } = new StagePeers?[stages];
        public int[] Ids { get; } = new int[stages + 2];
    }

    private PodSet ComposeCached(StageContext context, Dictionary<CompositionKey, (PodSet, PodSet?)> cache, int[] ids, PodSet? np, StagePeers?[] peers, out PodSet? ambiguous)
    {
        ids[1] = context.IdOf(np);
        var key = new CompositionKey(ids);
        if (cache.TryGetValue(key, out var hit))
        {
            ambiguous = hit.Item2;
            return hit.Item1;
        }

        var allowed = ComposeWords(context.Project(context.Index.All), np is null ? null : context.Project(np), peers, out ambiguous);
        cache[new CompositionKey((int[])ids.Clone())] = (allowed, ambiguous);
        return allowed;
    }

    /// <summary>A composition's inputs by number: direction, NetworkPolicy answer, each stage's answer.</summary>
    private readonly struct CompositionKey(int[] ids) : IEquatable<CompositionKey>
    {
        private readonly int[] _ids = ids;

        public bool Equals(CompositionKey other) => _ids.AsSpan().SequenceEqual(other._ids);

        public override bool Equals(object? obj) => obj is CompositionKey k && Equals(k);

        public override int GetHashCode()
        {
            var h = new HashCode();
            foreach (var id in _ids)
            {
                h.Add(id);
            }

            return h.ToHashCode();
        }
    }

    /// <summary>The forward walk over the stages, word by word (no intermediate sets), over the context's peers.</summary>
    private PodSet ComposeWords(PodSet all, PodSet? np, StagePeers?[] peers, out PodSet? ambiguous)
    {
        var n = all.Capacity;
        ambiguous = null;
        var allowedSet = new PodSet(n);
        var allowed = allowedSet.Words;
        Span<ulong> reach = stackalloc ulong[allowed.Length];
        all.Words.CopyTo(reach);
        ulong[]? pending = null;
        var positions = _stages.Length + 1;
        for (var k = 0; k < positions; k++)
        {
            if (k == _npAt)
            {
                if (np is not null)
                {
                    var w = np.Words;
                    for (var i = 0; i < reach.Length; i++)
                    {
                        allowed[i] |= reach[i] & w[i];
                        reach[i] = 0;
                    }
                }
            }
            else if (peers[k < _npAt ? k : k - 1] is { } p)
            {
                var (al, de, pa) = (p.Allow.Words, p.Deny.Words, p.Pass.Words);
                if (p.Ambiguous is { } amb)
                {
                    var am = amb.Words;
                    for (var i = 0; i < reach.Length; i++)
                    {
                        if ((am[i] & reach[i]) != 0)
                        {
                            ambiguous ??= new PodSet(n);
                            ambiguous.Words[i] |= am[i] & reach[i];
                        }
                    }
                }

                for (var i = 0; i < reach.Length; i++)
                {
                    var r = reach[i];
                    allowed[i] |= r & al[i];
                    if ((r & pa[i]) != 0)
                    {
                        pending ??= new ulong[reach.Length];
                        pending[i] |= r & pa[i];
                    }

                    reach[i] = r & ~(al[i] | de[i] | pa[i]);
                }
            }

            if (pending is not null && (k == positions - 1 || TierAt(k + 1) != TierAt(k)))
            {
                for (var i = 0; i < reach.Length; i++)
                {
                    reach[i] |= pending[i];
                }

                pending = null;
            }
        }

        for (var i = 0; i < reach.Length; i++)
        {
            allowed[i] |= reach[i];
        }

        return allowedSet;
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
