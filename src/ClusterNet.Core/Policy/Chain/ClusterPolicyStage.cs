using System.Net;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy.Chain;

/// <summary>
/// The Admin or the Baseline tier of policy.networking.k8s.io: ClusterNetworkPolicies of that tier plus
/// AdminNetworkPolicies (Admin) or the BaselineAdminNetworkPolicy (Baseline). Policies run by priority (lower first),
/// rules in written order; the first matching rule decides (Accept/Allow, Deny, Pass). Policies of equal priority
/// that decide differently make the answer implementation-defined: the answer follows name order and says so.
/// </summary>
internal sealed class ClusterPolicyStage : IPolicyStage
{
    private readonly CompiledClusterPolicy[] _policies;
    private readonly int[][] _ingressOf;
    private readonly int[][] _egressOf;
    private readonly PolicyIndex _index;

    public ClusterPolicyStage(ClusterPolicyTier tier, IEnumerable<CompiledClusterPolicy> policies, PolicyIndex index)
    {
        TierKind = tier;
        _index = index;
        _policies = Sorted(policies);
        var ingress = new List<int>?[index.PodCount];
        var egress = new List<int>?[index.PodCount];
        for (var i = 0; i < _policies.Length; i++)
        {
            var p = _policies[i];
            foreach (var pod in p.Subject.Members())
            {
                if (!p.IngressRules.IsEmpty)
                {
                    (ingress[pod] ??= []).Add(i);
                }

                if (!p.EgressRules.IsEmpty)
                {
                    (egress[pod] ??= []).Add(i);
                }
            }
        }

        _ingressOf = [.. ingress.Select(l => l?.ToArray() ?? [])];
        _egressOf = [.. egress.Select(l => l?.ToArray() ?? [])];
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        string Key(char dir, int[] ids)
        {
            var k = $"{Tier}|{dir}|{string.Join(',', ids)}";
            return keys.TryGetValue(k, out var existing) ? existing : keys[k] = k;
        }

        _ingressKey = [.. _ingressOf.Select(ids => Key('i', ids))];
        _egressKey = [.. _egressOf.Select(ids => Key('e', ids))];
    }

    private ClusterPolicyStage(ClusterPolicyStage before, CompiledClusterPolicy[] sorted, PodSet ingressPods, PodSet egressPods)
    {
        TierKind = before.TierKind;
        _index = before._index;
        _policies = sorted;
        _ingressOf = (int[][])before._ingressOf.Clone();
        _egressOf = (int[][])before._egressOf.Clone();
        _ingressKey = (string[])before._ingressKey.Clone();
        _egressKey = (string[])before._egressKey.Clone();
        foreach (var pod in ingressPods.Members())
        {
            _ingressOf[pod] = [.. Enumerable.Range(0, sorted.Length).Where(i => sorted[i].Subject.Has(pod) && !sorted[i].IngressRules.IsEmpty)];
            _ingressKey[pod] = $"{Tier}|i|{string.Join(',', _ingressOf[pod])}";
        }

        foreach (var pod in egressPods.Members())
        {
            _egressOf[pod] = [.. Enumerable.Range(0, sorted.Length).Where(i => sorted[i].Subject.Has(pod) && !sorted[i].EgressRules.IsEmpty)];
            _egressKey[pod] = $"{Tier}|e|{string.Join(',', _egressOf[pod])}";
        }
    }

    /// <summary>
    /// This stage with some policies replaced by new compiled forms of the same kind and name that sort to the same
    /// place (a rule edit, not a priority change): only their subjects' policy lists are recomputed. Otherwise (a policy
    /// added, removed or moved) the stage is built afresh.
    /// </summary>
    public ClusterPolicyStage With(IReadOnlyList<CompiledClusterPolicy> policies)
    {
        var sorted = Sorted(policies);
        if (sorted.Length != _policies.Length)
        {
            return new ClusterPolicyStage(TierKind, policies, _index);
        }

        var ingress = new PodSet(_index.PodCount);
        var egress = new PodSet(_index.PodCount);
        for (var i = 0; i < sorted.Length; i++)
        {
            var (was, now) = (_policies[i], sorted[i]);
            if (ReferenceEquals(was, now))
            {
                continue;
            }

            if (was.Source.Kind != now.Source.Kind || was.Source.Name != now.Source.Name)
            {
                return new ClusterPolicyStage(TierKind, policies, _index);
            }

            AddSubjects(was, ingress, egress);
            AddSubjects(now, ingress, egress);
        }

        return new ClusterPolicyStage(this, sorted, ingress, egress);
    }

    private static CompiledClusterPolicy[] Sorted(IEnumerable<CompiledClusterPolicy> policies) =>
        [.. policies.OrderBy(p => p.SortPriority).ThenBy(p => p.Source.Kind).ThenBy(p => p.Source.Name, StringComparer.Ordinal)];

    /// <summary>Per pod, the cache key of its policy list (shared string instances for equal lists).</summary>
    private readonly string[] _ingressKey;
    private readonly string[] _egressKey;

    public ClusterPolicyTier TierKind { get; }

    public string Tier => TierKind == ClusterPolicyTier.Admin ? "Admin tier" : "Baseline tier";

    public double Order => TierKind == ClusterPolicyTier.Admin ? 1_000 : 10_000_000;

    public IReadOnlyList<CompiledClusterPolicy> Policies => _policies;

    public IEnumerable<CompiledRule> PortRules => _policies.SelectMany(p => p.IngressRules.Concat(p.EgressRules)).Select(r => r.Rule);

    public string? ClassKey(ReachProbe probe) => null;

    public bool Selects(int pod, bool ingress) => (ingress ? _ingressOf : _egressOf)[pod].Length > 0;

    public bool SelectsHostNetworkPod(int pod, bool ingress) =>
        _policies.Any(p => p.HostNetworkSubjects.Has(pod) && !(ingress ? p.IngressRules : p.EgressRules).IsEmpty);

    /// <summary>The policies judging the pod in that direction, in evaluation order.</summary>
    public IEnumerable<CompiledClusterPolicy> Selecting(int pod, bool ingress) => (ingress ? _ingressOf : _egressOf)[pod].Select(i => _policies[i]);

    public StagePeers Peers(StageContext context, int pod, bool ingress)
    {
        var ids = (ingress ? _ingressOf : _egressOf)[pod];
        var key = (ingress ? _ingressKey : _egressKey)[pod];
        if (ingress)
        {
            // A named port resolves at the subject pod: pods differ only in which of those rules cover them.
            System.Text.StringBuilder? coverage = null;
            foreach (var id in ids)
            {
                foreach (var rule in _policies[id].IngressRules)
                {
                    var m = context.MatchOf(rule.Rule);
                    if (m.Kind == PortMatchKind.Some)
                    {
                        (coverage ??= new System.Text.StringBuilder(key).Append('|')).Append(m.Covers(pod) ? '1' : '0');
                    }
                }
            }

            if (coverage is not null)
            {
                key = coverage.ToString();
            }
        }

        if (context.Cache.TryGetValue(key, out var cached))
        {
            return (StagePeers)cached;
        }

        var n = _index.PodCount;
        var decided = new PodSet(n);
        var sets = new[] { new PodSet(n), new PodSet(n), new PodSet(n) };
        PodSet? ambiguous = null;
        var perPod = false;
        foreach (var group in Groups(ids))
        {
            if (group.Length > 1)
            {
                // Each tied policy alone, against what was undecided before the group: peers two of them decide differently are ambiguous.
                var any = new[] { new PodSet(n), new PodSet(n), new PodSet(n) };
                foreach (var i in group)
                {
                    var alone = new[] { new PodSet(n), new PodSet(n), new PodSet(n) };
                    Evaluate(context, _policies[i], ingress, pod, decided.Clone(), alone, ref perPod);
                    for (var k = 0; k < 3; k++)
                    {
                        any[k].UnionWith(alone[k]);
                    }
                }

                var amb = any[0].Clone();
                var other = any[1].Clone();
                other.UnionWith(any[2]);
                amb.IntersectWith(other);
                var dp = any[1].Clone();
                dp.IntersectWith(any[2]);
                amb.UnionWith(dp);
                if (!amb.IsEmpty)
                {
                    ambiguous ??= new PodSet(n);
                    ambiguous.UnionWith(amb);
                }
            }

            foreach (var i in group)
            {
                Evaluate(context, _policies[i], ingress, pod, decided, sets, ref perPod);
            }
        }

        var result = new StagePeers(sets[0], sets[1], sets[2], ambiguous);
        context.Cache[key] = result;
        return result;
    }

    public StageVerdict Decide(StageContext context, int pod, bool ingress, int peer)
    {
        var ids = (ingress ? _ingressOf : _egressOf)[pod];
        var start = 0;
        while (start < ids.Length)
        {
            var end = GroupEnd(ids, start);
            StageDecision? first = null;
            var disagree = false;
            for (var g = start; g < end; g++)
            {
                var d = FirstMatch(context, _policies[ids[g]], ingress, pod, peer);
                if (d == StageDecision.NoMatch)
                {
                    continue;
                }

                if (first is null)
                {
                    first = d;
                }
                else if (first != d)
                {
                    disagree = true;
                }
            }

            if (first is { } decision)
            {
                return new StageVerdict(decision, disagree);
            }

            start = end;
        }

        return StageVerdict.NoMatch;
    }

    public ChainStep? Explain(int pod, bool ingress, int peer, IPAddress? peerIp, int destination, ReachProbe probe)
    {
        var ids = (ingress ? _ingressOf : _egressOf)[pod];
        if (ids.Length == 0)
        {
            return null;
        }

        var reasons = new List<string>();
        var domainNote = false;
        foreach (var group in Groups(ids))
        {
            (CompiledClusterPolicy Policy, CompiledClusterRule Rule, StageDecision Decision)? first = null;
            var others = new List<(CompiledClusterPolicy Policy, CompiledClusterRule Rule, StageDecision Decision)>();
            foreach (var i in group)
            {
                var policy = _policies[i];
                var hit = ExplainPolicy(policy, ingress, peer, peerIp, destination, probe, reasons, ref domainNote);
                if (hit is null)
                {
                    continue;
                }

                if (first is null)
                {
                    first = (policy, hit, Decision(hit.Action!.Value));
                }
                else
                {
                    others.Add((policy, hit, Decision(hit.Action!.Value)));
                }
            }

            if (first is { } f)
            {
                string? caveat = null;
                var differing = others.Where(o => o.Decision != f.Decision).ToList();
                if (differing.Count > 0)
                {
                    caveat = $"{string.Join(", ", new[] { f }.Concat(differing).Select(o => $"{o.Policy.Source.DisplayName} ({o.Rule.Label} `{o.Rule.Source.ActionText}`)"))} "
                        + $"share priority {f.Policy.Source.Priority} and decide differently: which one applies is implementation-defined "
                        + "(the API lets the implementation pick); this answer follows name order";
                }

                return new ChainStep
                {
                    Tier = Tier,
                    Decision = f.Decision,
                    Policy = f.Policy.Source.DisplayName,
                    RuleIndex = f.Rule.Index,
                    Text = $"{Tier}: {f.Policy.Text}, {f.Rule.Label} `{f.Rule.Source.ActionText}`",
                    Reasons = reasons,
                    Caveat = caveat,
                    Note = domainNote ? DomainNamesNote : null,
                };
            }
        }

        var names = string.Join(", ", ids.Select(i => _policies[i].Text));
        return new ChainStep
        {
            Tier = Tier,
            Decision = StageDecision.NoMatch,
            Text = $"{Tier}: no rule of {names} matches",
            Reasons = reasons,
            Note = domainNote ? DomainNamesNote : null,
        };
    }

    /// <summary>
    /// A policy's decisions reach only its subjects, in the directions it has rules for: pods no changed policy
    /// selects (before or after) get the same answers. Compiled policies kept by reference are unchanged.
    /// </summary>
    public bool AddChanges(IPolicyStage before, StageChanges changes)
    {
        var (ingress, egress, newRules) = (changes.Ingress, changes.Egress, changes.NewRules);
        if (before is not ClusterPolicyStage b || b.TierKind != TierKind)
        {
            return false;
        }

        var old = b._policies.ToDictionary(p => (p.Source.Kind, p.Source.Name));
        var seen = new HashSet<(ClusterPolicyKind, string)>();
        foreach (var now in _policies)
        {
            var key = (now.Source.Kind, now.Source.Name);
            seen.Add(key);
            old.TryGetValue(key, out var was);
            if (ReferenceEquals(was, now))
            {
                continue;
            }

            newRules.AddRange(now.IngressRules.Concat(now.EgressRules).Select(r => r.Rule));
            if (was is null || !ReferenceEquals(was.Source, now.Source))
            {
                AddSubjects(now, ingress, egress);
                if (was is not null)
                {
                    AddSubjects(was, ingress, egress);
                }
            }
        }

        foreach (var (key, was) in old)
        {
            if (!seen.Contains(key))
            {
                AddSubjects(was, ingress, egress);
            }
        }

        return true;
    }

    private static void AddSubjects(CompiledClusterPolicy p, PodSet ingress, PodSet egress)
    {
        if (!p.IngressRules.IsEmpty)
        {
            ingress.UnionWith(p.Subject);
        }

        if (!p.EgressRules.IsEmpty)
        {
            egress.UnionWith(p.Subject);
        }
    }

    internal const string DomainNamesNote =
        "a domainNames peer matches traffic to the names it lists as the implementation resolves them (by DNS); an address is judged by "
        + "address, so a connection made by name to a listed domain that resolves to this address may be accepted where this answer is not";

    private static StageDecision Decision(ClusterPolicyAction action) => action switch
    {
        ClusterPolicyAction.Accept => StageDecision.Allow,
        ClusterPolicyAction.Deny => StageDecision.Deny,
        _ => StageDecision.Pass,
    };

    /// <summary>Consecutive policies of equal priority (the ids are in evaluation order).</summary>
    private IEnumerable<int[]> Groups(int[] ids)
    {
        var start = 0;
        while (start < ids.Length)
        {
            var end = GroupEnd(ids, start);
            yield return ids[start..end];
            start = end;
        }
    }

    /// <summary>The end (exclusive) of the group of equal priority starting at ids[start]; the BANP stands alone.</summary>
    private int GroupEnd(int[] ids, int start)
    {
        var end = start + 1;
        var priority = _policies[ids[start]].SortPriority;
        while (end < ids.Length && priority != long.MaxValue && _policies[ids[end]].SortPriority == priority)
        {
            end++;
        }

        return end;
    }

    /// <summary>Adds the policy's first-match decisions over still undecided peers to sets (Allow, Deny, Pass).</summary>
    private static void Evaluate(StageContext context, CompiledClusterPolicy policy, bool ingress, int pod, PodSet decided, PodSet[] sets, ref bool perPod)
    {
        foreach (var rule in policy.Rules(ingress))
        {
            if (rule.Action is not { } action)
            {
                continue;
            }

            var m = context.MatchOf(rule.Rule);
            ulong[]? ports = null;
            if (ingress)
            {
                perPod |= m.Kind == PortMatchKind.Some;
                if (!m.Covers(pod))
                {
                    continue;
                }
            }
            else if (m.Kind == PortMatchKind.None)
            {
                continue;
            }
            else if (m.Kind == PortMatchKind.Some)
            {
                ports = m.Pods!.Words;
            }

            // The rule takes the peers (on the destination's ports, for egress) no earlier rule decided.
            var peers = rule.Rule.AllPods.Words;
            var into = sets[(int)Decision(action) - 1].Words;
            var done = decided.Words;
            for (var i = 0; i < done.Length; i++)
            {
                var w = peers[i] & ~done[i] & (ports?[i] ?? ulong.MaxValue);
                into[i] |= w;
                done[i] |= w;
            }
        }
    }

    private static StageDecision FirstMatch(StageContext context, CompiledClusterPolicy policy, bool ingress, int pod, int peer)
    {
        foreach (var rule in policy.Rules(ingress))
        {
            if (rule.Action is not { } action || !rule.Rule.AllPods.Has(peer))
            {
                continue;
            }

            if (context.MatchOf(rule.Rule).Covers(ingress ? pod : peer))
            {
                return Decision(action);
            }
        }

        return StageDecision.NoMatch;
    }

    /// <summary>The first rule of the policy that matches the connection, with a reason line per rule checked.</summary>
    private CompiledClusterRule? ExplainPolicy(CompiledClusterPolicy policy, bool ingress, int peer, IPAddress? peerIp, int destination, ReachProbe probe, List<string> reasons, ref bool domainNote)
    {
        var other = peer >= 0 ? _index.PodKeys[peer].ToString() : peerIp?.ToString() ?? "?";
        foreach (var rule in policy.Rules(ingress))
        {
            var label = $"{policy.Source.DisplayName} {rule.Label}";
            if (rule.Action is null)
            {
                reasons.Add($"{label}: ignored (action '{rule.Source.ActionText}' is not valid)");
                continue;
            }

            string? peerWhy = null;
            var peerOk = false;
            foreach (var pe in rule.Peers)
            {
                if (peer >= 0 ? pe.Pods.Has(peer) : peerIp is not null && pe.MatchesAddress(peerIp))
                {
                    peerOk = true;
                    peerWhy = $"{pe.Text} matches {other}";
                    break;
                }
            }

            if (!peerOk)
            {
                var hasDomains = rule.HasDomainNames;
                if (hasDomains && peer < 0)
                {
                    domainNote = true;
                }

                reasons.Add($"{label}: no peer matches {other}" + (hasDomains ? (peer >= 0 ? " (domainNames never match a pod)" : " (domainNames match names, not addresses)") : ""));
                continue;
            }

            var portOk = rule.Rule.Ports is null;
            var portWhy = "all ports";
            if (!portOk)
            {
                var whys = new List<string>();
                foreach (var port in rule.Rule.Ports!.Value)
                {
                    if (PeerEvaluator.PortMatches(port, _index, destination, probe, out var why))
                    {
                        portOk = true;
                        portWhy = why;
                        break;
                    }

                    whys.Add(why);
                }

                if (!portOk)
                {
                    portWhy = string.Join("; ", whys.Distinct());
                }
            }

            if (!portOk)
            {
                reasons.Add($"{label}: {peerWhy}, but {portWhy}");
                continue;
            }

            reasons.Add($"{label} `{rule.Source.ActionText}`: {peerWhy}; {portWhy}");
            return rule;
        }

        return null;
    }
}
