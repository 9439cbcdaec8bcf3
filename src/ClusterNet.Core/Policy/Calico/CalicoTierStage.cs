using System.Collections.Immutable;
using System.Net;
using ClusterNet.Core.Model;
using ClusterNet.Core.Policy.Chain;

namespace ClusterNet.Core.Policy.Calico;

/// <summary>
/// One Calico tier as a stage of the policy chain. A tier that applies to the pod decides every peer: a matching
/// Allow/Deny rule, Pass (rule or the tier's defaultAction), or the deny at the end of the tier. Ports are Calico's own
/// (ranges, notPorts, named ports), so each probe is its own port class. Matrix and pair answers work on bitsets
/// (<see cref="CalicoPolicyBits"/>: subjects and rule peers computed once); explanations walk the rules with reasons.
/// </summary>
internal sealed class CalicoTierStage : IPolicyStage
{
    private readonly CalicoTier _tier;
    private readonly PolicyIndex _index;
    private readonly CalicoPolicyBits[] _policies;
    /// <summary>Per pod and direction, the positions in _policies of the tier's policies applying to it, in order.</summary>
    private readonly int[][] _ingressOf;
    private readonly int[][] _egressOf;
    /// <summary>Per pod, the number of its policy list (equal lists, equal numbers; directions numbered apart).</summary>
    private readonly int[] _ingressList;
    private readonly int[] _egressList;

    public CalicoTierStage(CalicoTieredEvaluator evaluator, CalicoTier tier, double order, CalicoBitIndex bits)
    {
        Evaluator = evaluator;
        Bits = bits;
        _tier = tier;
        Order = order;
        _index = bits.Index;
        _policies = new CalicoPolicyBits[tier.Policies.Length];
        Parallel.For(0, _policies.Length, i => _policies[i] = bits.Of(tier.Policies[i]));
        var n = _index.PodCount;
        var ingress = new List<int>?[n];
        var egress = new List<int>?[n];
        for (var i = 0; i < _policies.Length; i++)
        {
            var p = _policies[i];
            foreach (var pod in p.Subject.Members())
            {
                if (_index.HostNetwork[pod])
                {
                    continue;
                }

                if (p.Judges(true))
                {
                    (ingress[pod] ??= []).Add(i);
                }

                if (p.Judges(false))
                {
                    (egress[pod] ??= []).Add(i);
                }
            }
        }

        _ingressOf = [.. ingress.Select(l => l?.ToArray() ?? [])];
        _egressOf = [.. egress.Select(l => l?.ToArray() ?? [])];
        var lists = new Dictionary<string, int>(StringComparer.Ordinal);
        int ListOf(char dir, int[] ids)
        {
            var k = $"{dir}|{string.Join(',', ids)}";
            return lists.TryGetValue(k, out var id) ? id : lists[k] = lists.Count;
        }

        _ingressList = [.. _ingressOf.Select(ids => ListOf('i', ids))];
        _egressList = [.. _egressOf.Select(ids => ListOf('e', ids))];
        _none = new PodSet(n);
    }

    private readonly PodSet _none;
    /// <summary>Identities under which a class's computation keeps this stage's state per direction (see <see cref="StageContext.StateOf"/>).</summary>
    private readonly object _ingressState = new();
    private readonly object _egressState = new();

    public CalicoTieredEvaluator Evaluator { get; }

    public CalicoBitIndex Bits { get; }

    public CalicoTier TierModel => _tier;

    public string Tier => _tier.Name;

    public double Order { get; }

    public IEnumerable<CompiledRule> PortRules => [];

    public string? ClassKey(ReachProbe probe) => "calico:" + probe;

    public bool Selects(int pod, bool ingress) => (ingress ? _ingressOf : _egressOf)[pod].Length > 0;

    /// <summary>The tier's policies applying to the pod in that direction, in evaluation order (none for hostNetwork pods).</summary>
    public ImmutableArray<CalicoCompiledPolicy> Applying(int pod, bool ingress) => [.. (ingress ? _ingressOf : _egressOf)[pod].Select(i => _policies[i].Policy)];

    public StagePeers Peers(StageContext context, int pod, bool ingress)
    {
        var ids = (ingress ? _ingressOf : _egressOf)[pod];
        var state = context.StateOf(ingress ? _ingressState : _egressState, () => new PeersState(_policies.Length));

        // Pods with the same policies whose rules they meet alike (their own side of each rule) share one answer.
        // The coverage bits go to a scratch buffer; a key array is made only for an answer not seen yet.
        var list = (ingress ? _ingressList : _egressList)[pod];
        var sides = state.SidesOf(list) ??= ListSides(context, state.Own, ids, ingress);
        var words = Math.Max(1, (sides.Length + 63) >> 6);
        var coverage = state.Scratch(words);
        var (word, shift) = (pod >> 6, pod & 63);
        for (var bit = 0; bit < sides.Length; bit++)
        {
            coverage[bit >> 6] |= ((sides[bit][word] >> shift) & 1UL) << (bit & 63);
        }

        var k = new PeersKey(list, coverage, words);
        if (state.Answers.TryGetValue(k, out var cached))
        {
            return cached;
        }

        var result = Compute(context, state.Own, pod, ingress, ids);
        state.Answers[k.Keep()] = result;
        return result;
    }

    /// <summary>The words of each rule's own side for a policy list, rules of all its policies in order.</summary>
    private ulong[][] ListSides(StageContext context, PodSet?[][] own, int[] ids, bool ingress)
    {
        var sides = new List<ulong[]>();
        foreach (var id in ids)
        {
            for (var r = 0; r < _policies[id].Rules(ingress).Length; r++)
            {
                sides.Add(OwnSide(context, own, id, r, ingress).Words);
            }
        }

        return [.. sides];
    }

    /// <summary>The tier's answer for a pod: first matching rule per peer, the tier's end for the rest (over the context's peers).</summary>
    private StagePeers Compute(StageContext context, PodSet?[][] own, int pod, bool ingress, int[] ids)
    {
        var n = context.PeerCount;
        var decided = new PodSet(n);
        var sets = new[] { new PodSet(n), new PodSet(n), new PodSet(n) };
        foreach (var id in ids)
        {
            var rules = _policies[id].Rules(ingress);
            for (var r = 0; r < rules.Length; r++)
            {
                var rule = rules[r];
                if (rule.Action == CalicoRuleAction.Log || !OwnSide(context, own, id, r, ingress).Has(pod))
                {
                    continue;
                }

                // First match decides: the rule takes the peers no earlier rule decided.
                var peers = context.Project(ingress ? rule.Sources : rule.Destinations(context)).Words;
                var into = sets[(int)Decision(rule.Action) - 1].Words;
                var done = decided.Words;
                for (var i = 0; i < done.Length; i++)
                {
                    var w = peers[i] & ~done[i];
                    into[i] |= w;
                    done[i] |= w;
                }
            }
        }

        // The end of the tier: its defaultAction (Deny unless the Tier says Pass) for every peer no rule decided.
        var rest = sets[_tier.DefaultAction == CalicoRuleAction.Pass ? 2 : 1].Words;
        var all = context.Project(_index.All).Words;
        for (var i = 0; i < rest.Length; i++)
        {
            rest[i] |= all[i] & ~decided.Words[i];
        }

        return new StagePeers(sets[0], sets[1], sets[2], null);
    }

    public StageVerdict Decide(StageContext context, int pod, bool ingress, int peer)
    {
        var ids = (ingress ? _ingressOf : _egressOf)[pod];
        if (ids.Length == 0 || pod == peer)
        {
            return StageVerdict.NoMatch;
        }

        var (src, dst) = ingress ? (peer, pod) : (pod, peer);
        foreach (var id in ids)
        {
            foreach (var rule in _policies[id].Rules(ingress))
            {
                if (rule.Action == CalicoRuleAction.Log || !rule.Rule.ProtocolMatches(context.Probe)
                    || !rule.Sources.Has(src) || !rule.DestinationHas(dst, context.Probe))
                {
                    continue;
                }

                return new StageVerdict(Decision(rule.Action), false);
            }
        }

        return new StageVerdict(_tier.DefaultAction == CalicoRuleAction.Pass ? StageDecision.Pass : StageDecision.Deny, false);
    }

    public ChainStep? Explain(int pod, bool ingress, int peer, IPAddress? peerIp, int destination, ReachProbe probe)
    {
        var policies = Applying(pod, ingress);
        var at = Bits.Endpoints[pod];
        if (policies.IsEmpty)
        {
            return null;
        }

        var other = peer >= 0 ? Bits.Endpoints[peer] : peerIp is null ? null : CalicoEndpoint.External(peerIp.ToString());
        if (other is null)
        {
            return null;
        }

        var (src, dst) = ingress ? (other, at) : (at, other);
        var steps = ImmutableArray.CreateBuilder<CalicoStep>();
        var caveats = new List<string>();
        var r = CalicoTieredEvaluator.EvaluateTier(_tier, policies, at, src, dst, probe, ingress, steps, caveats);
        var distinct = caveats.Distinct(StringComparer.Ordinal).ToList();
        return new ChainStep
        {
            Tier = _tier.Name,
            Decision = ToDecision(r.Outcome),
            Policy = r.Policy?.Display,
            RuleIndex = r.Rule?.Index,
            Text = "Calico " + r.Text,
            Reasons = [.. steps.Select(s => s.Text)],
            Note = distinct.Count == 0 ? null : string.Join("; ", distinct),
        };
    }

    /// <summary>
    /// A Calico policy's decisions reach only the pods it applies to, in the directions of its types: pods no changed
    /// policy of the tier applies to (before or after) get the same answers. Policies kept by reference are unchanged;
    /// a policy compiled again for a network set change affects only the directions whose rules pick other nets, and
    /// there only the cells that involve a pod in those nets (<see cref="AddSetChange"/>); a changed defaultAction
    /// affects every pod the tier judges.
    /// </summary>
    public bool AddChanges(IPolicyStage before, StageChanges changes)
    {
        if (before is not CalicoTierStage b || b.Tier != Tier || !ReferenceEquals(b._index, _index))
        {
            return false;
        }

        var (ingress, egress) = (changes.Ingress, changes.Egress);

        void Add(CalicoPolicyBits p)
        {
            if (p.Judges(true))
            {
                ingress.UnionWith(p.Subject);
            }

            if (p.Judges(false))
            {
                egress.UnionWith(p.Subject);
            }
        }

        // The tier's defaultAction decides, at the end of the tier, for exactly the pods its policies judge.
        var defaultChanged = b._tier.DefaultAction != _tier.DefaultAction;
        var now = new HashSet<CalicoPolicyBits>(_policies, ReferenceEqualityComparer.Instance);
        var was = new HashSet<CalicoPolicyBits>(b._policies, ReferenceEqualityComparer.Instance);
        var replaced = new HashSet<CalicoCompiledPolicy>(ReferenceEqualityComparer.Instance);
        foreach (var p in _policies.Where(p => defaultChanged || !was.Contains(p)))
        {
            // Compiled again only because a network set changed the nets its rules pick: same subject and order, so
            // only the directions whose rules changed are affected.
            if (!defaultChanged && Evaluator.SetsOnlyChange(p.Policy) is { } change && b._policies.FirstOrDefault(q => ReferenceEquals(q.Policy, change.Old)) is { } old)
            {
                replaced.Add(change.Old);
                if (change.Ingress)
                {
                    AddSetChange(p, old, true, changes);
                }

                if (change.Egress)
                {
                    AddSetChange(p, old, false, changes);
                }

                continue;
            }

            Add(p);
        }

        foreach (var p in b._policies.Where(p => !now.Contains(p) && !replaced.Contains(p.Policy)))
        {
            Add(p);
        }

        return true;
    }

    /// <summary>
    /// One direction of a policy compiled again only because the network set nets its rules pick changed (same subject,
    /// order and rules otherwise). Only rules whose nets changed can decide otherwise, and only for subjects on their
    /// own side (the destination for ingress rules, the source for egress; ports aside), before or after: a rule side's
    /// matches changed only for pods whose IP lies in the old or new nets it picks. A subject in the own side's nets may
    /// change wholly; the others only at peers (the other side) in the peer side's nets. External addresses are no cells.
    /// </summary>
    private void AddSetChange(CalicoPolicyBits p, CalicoPolicyBits was, bool ingress, StageChanges changes)
    {
        var (now, before) = (p.Rules(ingress), was.Rules(ingress));
        if (!p.Judges(ingress))
        {
            return;
        }

        var n = _index.PodCount;
        var (own, peers, reached) = (new PodSet(n), new PodSet(n), new PodSet(n));
        for (var i = 0; i < Math.Max(now.Length, before.Length); i++)
        {
            if (i < now.Length && i < before.Length && CalicoPolicyCompiler.SameSets([before[i].Rule], [now[i].Rule]))
            {
                continue;
            }

            foreach (var r in new[] { i < before.Length ? before[i] : null, i < now.Length ? now[i] : null }.OfType<CalicoRuleBits>())
            {
                AddSetPods(ingress ? r.Rule.Destination : r.Rule.Source, own);
                AddSetPods(ingress ? r.Rule.Source : r.Rule.Destination, peers);
                reached.UnionWith(ingress ? r.DestinationEndpoints : r.Sources);
            }
        }

        own.IntersectWith(p.Subject);
        (ingress ? changes.Ingress : changes.Egress).UnionWith(own);
        if (peers.IsEmpty)
        {
            return;
        }

        reached.IntersectWith(p.Subject);
        reached.ExceptWith(own);
        (ingress ? changes.PeerIngress : changes.PeerEgress).UnionWith(reached);
        (ingress ? changes.IngressPeers : changes.EgressPeers).UnionWith(peers);
    }

    /// <summary>The pods whose IP lies in a net of the sets a matcher picks (or excludes by notSelector).</summary>
    private void AddSetPods(CalicoEntityMatcher matcher, PodSet into)
    {
        foreach (var sets in new[] { matcher.SelectedSets, matcher.NotSelectedSets })
        {
            foreach (var net in sets.IsDefault ? [] : sets)
            {
                into.UnionWith(Bits.PodsIn(net));
            }
        }
    }

    /// <summary>One class's computation state for one direction: own-side sets per policy and rule, answers, a scratch buffer.</summary>
    private sealed class PeersState(int policies)
    {
        private ulong[] _scratch = new ulong[4];

        /// <summary>Per policy and rule, the pods whose own side of the rule matches on this context's probe (filled on use).</summary>
        public PodSet?[][] Own { get; } = new PodSet?[policies][];

        public Dictionary<PeersKey, StagePeers> Answers { get; } = [];

        private ulong[][]?[] _sides = new ulong[][]?[16];

        /// <summary>Per policy list, its rules' own-side words (see <see cref="ListSides"/>), filled on use.</summary>
        public ref ulong[][]? SidesOf(int list)
        {
            if (list >= _sides.Length)
            {
                Array.Resize(ref _sides, Math.Max(list + 1, _sides.Length * 2));
            }

            return ref _sides[list];
        }

        /// <summary>A zeroed buffer of <paramref name="words"/> words, reused from call to call (one thread per context).</summary>
        public ulong[] Scratch(int words)
        {
            if (_scratch.Length < words)
            {
                _scratch = new ulong[words];
            }

            Array.Clear(_scratch, 0, words);
            return _scratch;
        }
    }

    /// <summary>A Peers answer's inputs: the pod's policy list (by number) and which rules its own side meets.</summary>
    private readonly struct PeersKey(int list, ulong[] coverage, int words) : IEquatable<PeersKey>
    {
        private readonly int _list = list;
        private readonly ulong[] _coverage = coverage;
        private readonly int _words = words;

        /// <summary>A key that owns its coverage (the scratch buffer is reused by the next call).</summary>
        public PeersKey Keep() => new(_list, _coverage.AsSpan(0, _words).ToArray(), _words);

        public bool Equals(PeersKey other) =>
            _list == other._list && _coverage.AsSpan(0, _words).SequenceEqual(other._coverage.AsSpan(0, other._words));

        public override bool Equals(object? obj) => obj is PeersKey k && Equals(k);

        public override int GetHashCode()
        {
            var h = new HashCode();
            h.Add(_list);
            foreach (var c in _coverage.AsSpan(0, _words))
            {
                h.Add(c);
            }

            return h.ToHashCode();
        }
    }

    /// <summary>
    /// The pods whose own side of rule <paramref name="r"/> of policy <paramref name="id"/> matches: the destination
    /// (ports included) for ingress, the source for egress; none when the rule's protocol excludes the probe.
    /// </summary>
    private PodSet OwnSide(StageContext context, PodSet?[][] own, int id, int r, bool ingress)
    {
        var rules = _policies[id].Rules(ingress);
        var row = own[id] ??= new PodSet?[rules.Length];
        if (row[r] is { } set)
        {
            return set;
        }

        var rule = rules[r];
        return row[r] = !rule.Rule.ProtocolMatches(context.Probe) ? _none : ingress ? rule.Destinations(context) : rule.Sources;
    }

    private static StageDecision Decision(CalicoRuleAction action) => action switch
    {
        CalicoRuleAction.Allow => StageDecision.Allow,
        CalicoRuleAction.Deny => StageDecision.Deny,
        _ => StageDecision.Pass,
    };

    private static StageDecision ToDecision(CalicoOutcome? outcome) => outcome switch
    {
        CalicoOutcome.RuleAllow => StageDecision.Allow,
        CalicoOutcome.RuleDeny or CalicoOutcome.EndOfTierDeny => StageDecision.Deny,
        _ => StageDecision.Pass,
    };
}
