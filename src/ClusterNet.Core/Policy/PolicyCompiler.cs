using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy;

/// <summary>
/// Turns NetworkPolicies into <see cref="CompiledPolicy"/> against one <see cref="PolicyIndex"/>. Selector results are
/// memoised per (selector text, namespace), so the thousands of policies that repeat "app=web" or "{}" evaluate it once.
/// </summary>
internal sealed class PolicyCompiler(PolicyIndex index)
{
    private static int _nextRuleId;
    private static readonly CompiledSelector Everything = CompiledSelector.Compile(LabelSelector.Everything);
    // The selector (peer) is kept beside its result so a derived compiler can re-evaluate it for changed pods only.
    private readonly Dictionary<(string Selector, int Namespace), (CompiledSelector Selector, PodSet Pods)> _podSelectorCache = [];
    private readonly Dictionary<string, (CompiledSelector Selector, bool[] Matches)> _namespaceSelectorCache = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (CompiledPeer Peer, PodSet Pods)> _ipBlockCache = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public PolicyIndex Index => index;

    /// <summary>A rule id unique across engines (port classes key their matches by it); stages compile rules too.</summary>
    public static int NextRuleId() => Interlocked.Increment(ref _nextRuleId);

    public CompiledPolicy Compile(NetworkPolicyInfo policy)
    {
        var podSelector = CompiledSelector.Compile(policy.PodSelector);
        var nsIndex = index.NamespaceIndexOf.TryGetValue(policy.Namespace, out var n) ? n : -1;
        var selected = nsIndex < 0 ? new PodSet(index.PodCount) : PodsMatching(podSelector, nsIndex);
        var types = policy.PolicyTypes is { IsDefaultOrEmpty: false } written ? written : default(ImmutableArray<string>?);
        var egressRules = policy.Egress is { IsDefault: false } e ? e : [];
        var ingressRules = policy.Ingress is { IsDefault: false } i ? i : [];
        // API defaulting: without policyTypes, Ingress always; Egress only when spec.egress has at least one rule.
        var affectsIngress = types is null || types.Value.Contains("Ingress");
        var affectsEgress = types is null ? egressRules.Length > 0 : types.Value.Contains("Egress");
        return new CompiledPolicy
        {
            Source = policy,
            PodSelector = podSelector,
            Selected = selected,
            AffectsIngress = affectsIngress,
            AffectsEgress = affectsEgress,
            PolicyTypesDefaulted = types is null,
            IngressRules = [.. ingressRules.Select((r, k) => CompileRule(r, k, true, nsIndex))],
            EgressRules = [.. egressRules.Select((r, k) => CompileRule(r, k, false, nsIndex))],
        };
    }

    private CompiledRule CompileRule(NetworkPolicyRuleInfo rule, int ruleIndex, bool ingress, int policyNamespace)
    {
        ImmutableArray<CompiledPeer>? peers = rule.Peers is { IsDefaultOrEmpty: false } p ? [.. p.Select(x => new CompiledPeer(x))] : null;
        ImmutableArray<CompiledPort>? ports = rule.Ports is { IsDefaultOrEmpty: false } q ? [.. q.Select(x => new CompiledPort(x))] : null;
        PodSet selectorPods, ipPods;
        if (peers is null)
        {
            selectorPods = index.All;
            ipPods = new PodSet(index.PodCount);
        }
        else
        {
            selectorPods = new PodSet(index.PodCount);
            ipPods = new PodSet(index.PodCount);
            foreach (var peer in peers.Value)
            {
                if (peer.Error is not null)
                {
                    continue;
                }

                if (peer.IsIpBlock)
                {
                    AddIpBlockPods(peer, ipPods);
                }
                else
                {
                    AddSelectorPods(peer, policyNamespace, selectorPods);
                }
            }
        }

        var all = selectorPods.Clone();
        all.UnionWith(ipPods);
        return new CompiledRule
        {
            Id = NextRuleId(),
            Index = ruleIndex,
            Ingress = ingress,
            Peers = peers,
            Ports = ports,
            SelectorPods = selectorPods,
            IpBlockPods = ipPods,
            AllPods = all,
        };
    }

    private void AddSelectorPods(CompiledPeer peer, int policyNamespace, PodSet into)
    {
        var podSelector = peer.PodSelector ?? Everything;
        if (peer.NamespaceSelector is null)
        {
            if (policyNamespace >= 0)
            {
                into.UnionWith(PodsMatching(podSelector, policyNamespace));
            }

            return;
        }

        var namespaces = NamespacesMatching(peer.NamespaceSelector);
        for (var n = 0; n < namespaces.Length; n++)
        {
            if (namespaces[n])
            {
                into.UnionWith(PodsMatching(podSelector, n));
            }
        }
    }

    private void AddIpBlockPods(CompiledPeer peer, PodSet into) => into.UnionWith(IpBlockPods(peer));

    /// <summary>Pods with an address inside the ipBlock peer (cidr minus except); memoised by the peer's text.</summary>
    public PodSet IpBlockPods(CompiledPeer peer)
    {
        lock (_lock)
        {
            if (_ipBlockCache.TryGetValue(peer.Text, out var cached))
            {
                return cached.Pods;
            }
        }

        var set = new PodSet(index.PodCount);
        for (var i = 0; i < index.PodCount; i++)
        {
            if (IpBlockContains(peer, index.PodAddressValues[i]))
            {
                set.Add(i);
            }
        }

        lock (_lock)
        {
            _ipBlockCache[peer.Text] = (peer, set);
        }

        return set;
    }

    private static bool IpBlockContains(CompiledPeer peer, (UInt128 Value, int Length)[] addresses)
    {
        foreach (var (value, length) in addresses)
        {
            if (peer.Cidr!.Contains(value, length) && !peer.Except.Any(e => e.Contains(value, length)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The pods of namespace <paramref name="ns"/> a peer's pod selector picks (all of them when the peer has none).</summary>
    public PodSet PeerPodsIn(CompiledPeer peer, int ns) => PodsMatching(peer.PodSelector ?? Everything, ns);

    /// <summary>
    /// A compiler for <paramref name="next"/> whose memoised selector results are this one's renumbered through
    /// <paramref name="delta"/>, with pod selectors and ipBlocks re-evaluated for the dirty pods only and namespace
    /// selectors for the relabelled namespaces only. Results that nothing touched are the same objects.
    /// </summary>
    public PolicyCompiler Derive(PolicyIndex next, IndexDelta delta)
    {
        var derived = new PolicyCompiler(next);
        var remap = delta.Pods;
        var dirtyByNamespace = delta.Dirty.Members().GroupBy(i => next.PodNamespace[i]).ToDictionary(g => g.Key, g => g.ToArray());
        var dirty = delta.Dirty.Members().ToArray();
        lock (_lock)
        {
            // Renumbering copies every memoised set: spread it over the cores like Build's compile loop.
            var entries = _podSelectorCache.Where(e => delta.NamespaceOldToNew[e.Key.Namespace] >= 0).ToArray();
            var sets = new PodSet[entries.Length];
            Parallel.For(0, entries.Length, k =>
            {
                var (selector, pods) = entries[k].Value;
                var n = delta.NamespaceOldToNew[entries[k].Key.Namespace];
                sets[k] = selector.IsEmpty
                    ? next.PodsByNamespace[n]
                    : Reevaluate(pods, remap.Apply(pods), dirtyByNamespace.GetValueOrDefault(n, []), i => selector.Matches(next.Pods[i].Labels));
            });
            for (var k = 0; k < entries.Length; k++)
            {
                derived._podSelectorCache[(entries[k].Key.Selector, delta.NamespaceOldToNew[entries[k].Key.Namespace])] = (entries[k].Value.Selector, sets[k]);
            }

            foreach (var (text, (peer, pods)) in _ipBlockCache)
            {
                derived._ipBlockCache[text] = (peer, Reevaluate(pods, remap.Apply(pods), dirty, i => IpBlockContains(peer, next.PodAddressValues[i])));
            }

            var keep = delta.NamespacesKeepIndexes && !delta.Relabelled.Contains(true);
            foreach (var (text, (selector, matches)) in _namespaceSelectorCache)
            {
                if (keep)
                {
                    derived._namespaceSelectorCache[text] = (selector, matches);
                    continue;
                }

                var now = new bool[delta.NamespaceNames.Length];
                for (var n = 0; n < now.Length; n++)
                {
                    var o = delta.NamespaceNewToOld[n];
                    now[n] = o >= 0 && !delta.Relabelled[n] ? matches[o] : selector.Matches(next.NamespaceLabels[n]);
                }

                derived._namespaceSelectorCache[text] = (selector, now);
            }
        }

        return derived;
    }

    /// <summary>
    /// <paramref name="renumbered"/> with the given pods' bits set by <paramref name="member"/>; copied before the first
    /// change when it is still the previous engine's set (identity renumbering), so that engine keeps answering.
    /// </summary>
    private static PodSet Reevaluate(PodSet previous, PodSet renumbered, int[] pods, Func<int, bool> member)
    {
        var result = renumbered;
        foreach (var i in pods)
        {
            var want = member(i);
            if (result.Has(i) == want)
            {
                continue;
            }

            if (ReferenceEquals(result, previous))
            {
                result = previous.Clone();
            }

            result.Set(i, want);
        }

        return result;
    }

    public PodSet PodsMatching(CompiledSelector selector, int ns)
    {
        lock (_lock)
        {
            if (_podSelectorCache.TryGetValue((selector.Text, ns), out var cached))
            {
                return cached.Pods;
            }
        }

        PodSet set;
        if (selector.IsEmpty)
        {
            set = index.PodsByNamespace[ns];
        }
        else
        {
            set = new PodSet(index.PodCount);
            foreach (var i in index.PodsByNamespace[ns].Members())
            {
                if (selector.Matches(index.Pods[i].Labels))
                {
                    set.Add(i);
                }
            }
        }

        lock (_lock)
        {
            _podSelectorCache[(selector.Text, ns)] = (selector, set);
        }

        return set;
    }

    public bool[] NamespacesMatching(CompiledSelector selector)
    {
        lock (_lock)
        {
            if (_namespaceSelectorCache.TryGetValue(selector.Text, out var cached))
            {
                return cached.Matches;
            }
        }

        var result = new bool[index.NamespaceNames.Length];
        for (var n = 0; n < result.Length; n++)
        {
            result[n] = selector.Matches(index.NamespaceLabels[n]);
        }

        lock (_lock)
        {
            _namespaceSelectorCache[selector.Text] = (selector, result);
        }

        return result;
    }
}
