using ClusterNet.Core.Model;
using ClusterNet.Core.Policy.Chain;

namespace ClusterNet.Core.Policy;

/// <summary>
/// Derives the engine of a snapshot whose pods or namespaces changed from the previous engine, without re-running
/// selectors over every pod. Pods stay dense and in snapshot order (the matrix row order every consumer relies on),
/// so an added or deleted pod renumbers the others: each bitset is remapped in one word-copy pass
/// (<see cref="PodRemap"/>), then only the bits of dirty pods (added, relabelled, new IPs, hostNetwork, ports) and of
/// pods in relabelled namespaces are re-evaluated, per rule and per touched namespace. A relabel alone keeps every
/// index, so untouched sets, rules and policies stay the previous engine's objects. The tier chain is rebuilt through
/// <see cref="PolicyChain.Build"/> with the derived compiler (it has no derivation of its own).
/// </summary>
internal static class PolicyEngineDeriver
{
    /// <summary>Above this share of changed pods a rebuild is as cheap as the per-pod work (1/8 of the pods, at least 64).</summary>
    public static int MaxPodChanges(int podCount) => Math.Max(64, podCount / 8);

    /// <summary>
    /// The engine for <paramref name="next"/>'s pods and namespaces, with <paramref name="engine"/>'s compiled
    /// NetworkPolicies (the caller applies policy changes with WithPolicy/WithoutPolicy and rebinds); null when too many
    /// pods changed. Returns <paramref name="engine"/> itself when pods and namespaces are the same.
    /// </summary>
    public static PolicyEngine? Derive(PolicyEngine engine, ClusterSnapshot next)
    {
        var index = engine.Index;
        var delta = IndexDelta.Compute(index, next, MaxPodChanges(index.PodCount));
        if (delta is null)
        {
            return null;
        }

        if (delta.Pods.IsIdentity && delta.DirtyCount == 0 && delta.NamespacesKeepIndexes && !delta.Relabelled.Contains(true))
        {
            return engine;
        }

        var nextIndex = new PolicyIndex(index, next, delta);
        var compiler = engine.Compiler.Derive(nextIndex, delta);
        var touched = Touched(nextIndex, delta);
        var slots = new CompiledPolicy?[engine.PolicySlots];
        // Like Build's compile loop: policies are independent and the compiler's memo is locked.
        Parallel.For(0, slots.Length, i =>
        {
            if (engine.PolicySlot(i) is { } p)
            {
                slots[i] = DerivePolicy(p, nextIndex, compiler, delta, touched);
            }
        });

        var (ingressOf, egressOf) = PoliciesOfPods(engine, slots, nextIndex, delta);
        return new PolicyEngine(nextIndex, compiler, slots, ingressOf, egressOf, next, PolicyChain.Build(next, compiler));
    }

    /// <summary>A namespace whose pods' bits may change, the word range its (contiguous) pods occupy, and which of them.</summary>
    private sealed record TouchedNamespace(int Namespace, int FirstWord, ulong[] Mask);

    private static List<TouchedNamespace> Touched(PolicyIndex index, IndexDelta delta)
    {
        var result = new List<TouchedNamespace>();
        var dirty = delta.Dirty.Words;
        var withDirtyPods = delta.Dirty.Members().Select(i => index.PodNamespace[i]).ToHashSet();
        for (var n = 0; n < index.NamespaceNames.Length; n++)
        {
            var pods = index.PodsByNamespace[n];
            if (!(delta.Relabelled[n] || withDirtyPods.Contains(n)) || pods.IsEmpty)
            {
                continue;
            }

            var members = pods.Members();
            var first = members.First() >> 6;
            var last = members.Last() >> 6;
            var all = delta.Relabelled[n];
            var mask = new ulong[last - first + 1];
            var any = false;
            for (var w = first; w <= last; w++)
            {
                mask[w - first] = pods.Words[w] & (all ? ulong.MaxValue : dirty[w]);
                any |= mask[w - first] != 0;
            }

            if (any)
            {
                result.Add(new TouchedNamespace(n, first, mask));
            }
        }

        return result;
    }

    private static CompiledPolicy DerivePolicy(CompiledPolicy p, PolicyIndex index, PolicyCompiler compiler, IndexDelta delta, List<TouchedNamespace> touched)
    {
        var ns = index.NamespaceIndexOf.TryGetValue(p.Key.Namespace, out var n) ? n : -1;
        var selected = ns >= 0 ? compiler.PodsMatching(p.PodSelector, ns) : delta.Pods.IsIdentity ? p.Selected : new PodSet(index.PodCount);
        var ingress = p.IngressRules.Select(r => DeriveRule(r, ns, index, compiler, delta, touched)).ToArray();
        var egress = p.EgressRules.Select(r => DeriveRule(r, ns, index, compiler, delta, touched)).ToArray();
        if (ReferenceEquals(selected, p.Selected) && ingress.SequenceEqual(p.IngressRules) && egress.SequenceEqual(p.EgressRules))
        {
            return p;
        }

        return new CompiledPolicy
        {
            Source = p.Source,
            PodSelector = p.PodSelector,
            Selected = selected,
            AffectsIngress = p.AffectsIngress,
            AffectsEgress = p.AffectsEgress,
            PolicyTypesDefaulted = p.PolicyTypesDefaulted,
            IngressRules = [.. ingress],
            EgressRules = [.. egress],
        };
    }

    private static CompiledRule DeriveRule(CompiledRule r, int policyNamespace, PolicyIndex index, PolicyCompiler compiler, IndexDelta delta, List<TouchedNamespace> touched)
    {
        var remap = delta.Pods;
        if (r.Peers is not { } peers)
        {
            return remap.IsIdentity ? r : NewRule(r, index.All, new PodSet(index.PodCount));
        }

        var selectorPods = remap.Apply(r.SelectorPods);
        foreach (var t in touched)
        {
            ulong[]? admitted = null;
            foreach (var peer in peers)
            {
                if (peer.Error is null && !peer.IsIpBlock)
                {
                    admitted ??= new ulong[t.Mask.Length];
                    var inScope = peer.NamespaceSelector is null ? t.Namespace == policyNamespace : compiler.NamespacesMatching(peer.NamespaceSelector)[t.Namespace];
                    if (inScope)
                    {
                        var words = compiler.PeerPodsIn(peer, t.Namespace).Words;
                        for (var k = 0; k < admitted.Length; k++)
                        {
                            admitted[k] |= words[t.FirstWord + k];
                        }
                    }
                }
            }

            // No selector peer (only ipBlocks or invalid peers): the rule's selector pods are empty and stay so.
            if (admitted is not null)
            {
                selectorPods = Patch(r.SelectorPods, selectorPods, t.FirstWord, t.Mask, admitted);
            }
        }

        var ipPods = remap.Apply(r.IpBlockPods);
        if (delta.DirtyCount > 0)
        {
            var dirty = delta.Dirty.Words;
            ulong[]? admitted = null;
            foreach (var peer in peers)
            {
                if (peer.Error is null && peer.IsIpBlock)
                {
                    admitted ??= new ulong[dirty.Length];
                    var words = compiler.IpBlockPods(peer).Words;
                    for (var w = 0; w < dirty.Length; w++)
                    {
                        admitted[w] |= words[w] & dirty[w];
                    }
                }
            }

            if (admitted is not null)
            {
                ipPods = Patch(r.IpBlockPods, ipPods, 0, dirty, admitted);
            }
        }

        return ReferenceEquals(selectorPods, r.SelectorPods) && ReferenceEquals(ipPods, r.IpBlockPods) ? r : NewRule(r, selectorPods, ipPods);
    }

    /// <summary>
    /// Sets the bits under <paramref name="mask"/> (words from <paramref name="firstWord"/>) to <paramref name="admitted"/>,
    /// copying the set first when it is still the previous engine's and a bit changes.
    /// </summary>
    private static PodSet Patch(PodSet previous, PodSet set, int firstWord, ulong[] mask, ulong[] admitted)
    {
        for (var k = 0; k < mask.Length; k++)
        {
            var w = firstWord + k;
            var now = (set.Words[w] & ~mask[k]) | (admitted[k] & mask[k]);
            if (now == set.Words[w])
            {
                continue;
            }

            if (ReferenceEquals(set, previous))
            {
                set = previous.Clone();
            }

            set.Words[w] = now;
        }

        return set;
    }

    /// <summary>A new rule object (with a new id: port classes key matches by id) over the derived sets.</summary>
    private static CompiledRule NewRule(CompiledRule r, PodSet selectorPods, PodSet ipPods)
    {
        var all = selectorPods.Clone();
        all.UnionWith(ipPods);
        return new CompiledRule
        {
            Id = PolicyCompiler.NextRuleId(),
            Index = r.Index,
            Ingress = r.Ingress,
            Peers = r.Peers,
            Ports = r.Ports,
            SelectorPods = selectorPods,
            IpBlockPods = ipPods,
            AllPods = all,
        };
    }

    /// <summary>
    /// Which policies isolate each pod: the previous arrays for clean pods, recomputed from the namespace's policies for
    /// dirty ones, in key order like a fresh build.
    /// </summary>
    private static (int[][] Ingress, int[][] Egress) PoliciesOfPods(PolicyEngine engine, CompiledPolicy?[] slots, PolicyIndex index, IndexDelta delta)
    {
        var n = index.PodCount;
        var ingressOf = new int[n][];
        var egressOf = new int[n][];
        for (var j = 0; j < n; j++)
        {
            var o = delta.Pods.NewToOld[j];
            if (o >= 0 && !delta.Dirty.Has(j))
            {
                ingressOf[j] = engine.IngressPoliciesOf(o);
                egressOf[j] = engine.EgressPoliciesOf(o);
            }
        }

        if (delta.DirtyCount == 0)
        {
            return (ingressOf, egressOf);
        }

        var byNamespace = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var i in Enumerable.Range(0, slots.Length).Where(i => slots[i] is not null).Order(PolicyEngine.KeyOrder(slots)))
        {
            if (slots[i] is { } p)
            {
                if (!byNamespace.TryGetValue(p.Key.Namespace, out var list))
                {
                    byNamespace[p.Key.Namespace] = list = [];
                }

                list.Add(i);
            }
        }

        foreach (var j in delta.Dirty.Members())
        {
            var candidates = byNamespace.GetValueOrDefault(index.Pods[j].Namespace) ?? [];
            ingressOf[j] = [.. candidates.Where(i => slots[i]!.AffectsIngress && slots[i]!.Selected.Has(j))];
            egressOf[j] = [.. candidates.Where(i => slots[i]!.AffectsEgress && slots[i]!.Selected.Has(j))];
        }

        return (ingressOf, egressOf);
    }
}
