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
    private readonly Dictionary<(string Selector, int Namespace), PodSet> _podSelectorCache = [];
    private readonly Dictionary<string, bool[]> _namespaceSelectorCache = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PodSet> _ipBlockCache = new(StringComparer.Ordinal);
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
        var podSelector = peer.PodSelector ?? CompiledSelector.Compile(LabelSelector.Everything);
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

    private void AddIpBlockPods(CompiledPeer peer, PodSet into)
    {
        PodSet? set;
        lock (_lock)
        {
            _ipBlockCache.TryGetValue(peer.Text, out set);
        }

        if (set is null)
        {
            set = new PodSet(index.PodCount);
            for (var i = 0; i < index.PodCount; i++)
            {
                foreach (var (value, length) in index.PodAddressValues[i])
                {
                    if (peer.Cidr!.Contains(value, length) && !peer.Except.Any(e => e.Contains(value, length)))
                    {
                        set.Add(i);
                        break;
                    }
                }
            }

            lock (_lock)
            {
                _ipBlockCache[peer.Text] = set;
            }
        }

        into.UnionWith(set);
    }

    public PodSet PodsMatching(CompiledSelector selector, int ns)
    {
        lock (_lock)
        {
            if (_podSelectorCache.TryGetValue((selector.Text, ns), out var cached))
            {
                return cached;
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
            _podSelectorCache[(selector.Text, ns)] = set;
        }

        return set;
    }

    public bool[] NamespacesMatching(CompiledSelector selector)
    {
        lock (_lock)
        {
            if (_namespaceSelectorCache.TryGetValue(selector.Text, out var cached))
            {
                return cached;
            }
        }

        var result = new bool[index.NamespaceNames.Length];
        for (var n = 0; n < result.Length; n++)
        {
            result[n] = selector.Matches(index.NamespaceLabels[n]);
        }

        lock (_lock)
        {
            _namespaceSelectorCache[selector.Text] = result;
        }

        return result;
    }
}
