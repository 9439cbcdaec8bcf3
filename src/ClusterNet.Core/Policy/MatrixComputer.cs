using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy;

/// <summary>The bitset algorithms behind <see cref="ReachMatrix"/> and the one-pod reachability queries.</summary>
internal static class MatrixComputer
{
    public static ReachMatrix Compute(PolicyEngine engine, ImmutableArray<ReachProbe> probes)
    {
        var classes = Classify(engine, probes);
        var strict = NeedsStrict(engine);
        Parallel.ForEach(classes, c =>
        {
            c.Full = Layer(engine, c, strict: false);
            c.Strict = strict ? Layer(engine, c, strict: true) : null;
        });
        return new ReachMatrix(engine, probes, classes);
    }

    /// <summary>Patches a matrix after policy changes: only the changed policies' selected pods are recomputed.</summary>
    public static ReachMatrix Recompute(ReachMatrix previous, PolicyEngine engine, IEnumerable<ObjectKey> changedPolicies)
    {
        var oldEngine = previous.Engine;
        if (!ReferenceEquals(oldEngine.Index, engine.Index))
        {
            return Compute(engine, previous.Probes);
        }

        var classes = Classify(engine, previous.Probes);
        var strict = NeedsStrict(engine);
        var sameShape = classes.Count == previous.Classes.Count
            && classes.Zip(previous.Classes).All(p => p.First.ProbeIndexes.SequenceEqual(p.Second.ProbeIndexes))
            && strict == (previous.Classes.Count > 0 && previous.Classes[0].Strict is not null);
        if (!sameShape)
        {
            return Compute(engine, previous.Probes);
        }

        var n = engine.Index.PodCount;
        var ingress = new PodSet(n);
        var egress = new PodSet(n);
        foreach (var key in changedPolicies.Distinct())
        {
            oldEngine.TryGetPolicy(key, out var old);
            engine.TryGetPolicy(key, out var now);
            var (i, e) = PolicyEngine.Affected(n, old, now);
            ingress.UnionWith(i);
            egress.UnionWith(e);
        }

        var d = ingress.Members().ToArray();
        var s = egress.Members().ToArray();
        Parallel.For(0, classes.Count, k =>
        {
            var c = classes[k];
            var before = previous.Classes[k];
            c.Full = Patch(engine, c, before.Full, d, s, strict: false);
            c.Strict = strict ? Patch(engine, c, before.Strict!, d, s, strict: true) : null;
        });
        return new ReachMatrix(engine, previous.Probes, classes);
    }

    public static PodReachability FromPod(PolicyEngine engine, ObjectKey pod, ReachProbe probe) => OnePod(engine, pod, probe, outbound: true);

    public static PodReachability ToPod(PolicyEngine engine, ObjectKey pod, ReachProbe probe) => OnePod(engine, pod, probe, outbound: false);

    public static bool NeedsStrict(PolicyEngine engine)
    {
        for (var i = 0; i < engine.PolicySlots; i++)
        {
            if (engine.PolicySlot(i) is { } p && p.IngressRules.Concat(p.EgressRules).Any(r => !r.IpBlockPods.IsEmpty))
            {
                return true;
            }
        }

        return false;
    }

    private static List<PortClass> Classify(PolicyEngine engine, ImmutableArray<ReachProbe> probes)
    {
        var rules = new List<CompiledRule>();
        for (var i = 0; i < engine.PolicySlots; i++)
        {
            if (engine.PolicySlot(i) is { } p)
            {
                rules.AddRange(p.IngressRules);
                rules.AddRange(p.EgressRules);
            }
        }

        var interned = new List<PodSet>();
        var groups = new Dictionary<string, (List<int> Probes, Dictionary<int, PortMatch> Matches)>(StringComparer.Ordinal);
        for (var k = 0; k < probes.Length; k++)
        {
            var matches = new Dictionary<int, PortMatch>(rules.Count);
            var sig = new System.Text.StringBuilder(rules.Count * 2);
            foreach (var r in rules)
            {
                var m = PortMatch.Of(r, engine.Index, probes[k]);
                matches[r.Id] = m;
                sig.Append(m.Kind switch
                {
                    PortMatchKind.None => "0",
                    PortMatchKind.All => "1",
                    _ => "s" + Intern(interned, m.Pods!),
                }).Append(',');
            }

            var key = sig.ToString();
            if (groups.TryGetValue(key, out var g))
            {
                g.Probes.Add(k);
            }
            else
            {
                groups[key] = ([k], matches);
            }
        }

        return [.. groups.Values.Select(g => new PortClass([.. g.Probes], g.Matches)).OrderBy(c => c.ProbeIndexes[0])];
    }

    private static int Intern(List<PodSet> interned, PodSet set)
    {
        for (var i = 0; i < interned.Count; i++)
        {
            if (ReferenceEquals(interned[i], set) || interned[i].SetEquals(set))
            {
                return i;
            }
        }

        interned.Add(set);
        return interned.Count - 1;
    }

    private static MatrixLayer Layer(PolicyEngine engine, PortClass c, bool strict)
    {
        var n = engine.Index.PodCount;
        var ingress = new PodSet?[n];
        var egress = new PodSet?[n];
        var ingressCache = new Dictionary<string, PodSet>(StringComparer.Ordinal);
        var egressCache = new Dictionary<string, PodSet>(StringComparer.Ordinal);
        for (var p = 0; p < n; p++)
        {
            ingress[p] = IngressOf(engine, c, p, strict, ingressCache);
            egress[p] = EgressOf(engine, c, p, strict, egressCache);
        }

        var rows = BitTranspose.ColumnsToRows(ingress, n);
        for (var s = 0; s < n; s++)
        {
            if (egress[s] is { } e)
            {
                rows[s].IntersectWith(e);
            }

            rows[s].Add(s);
        }

        return new MatrixLayer(ingress, egress, rows);
    }

    private static MatrixLayer Patch(PolicyEngine engine, PortClass c, MatrixLayer before, int[] affectedIngress, int[] affectedEgress, bool strict)
    {
        var n = engine.Index.PodCount;
        var ingress = (PodSet?[])before.Ingress.Clone();
        var egress = (PodSet?[])before.Egress.Clone();
        var rows = (PodSet[])before.Rows.Clone();
        var ingressCache = new Dictionary<string, PodSet>(StringComparer.Ordinal);
        var egressCache = new Dictionary<string, PodSet>(StringComparer.Ordinal);
        foreach (var d in affectedIngress)
        {
            ingress[d] = IngressOf(engine, c, d, strict, ingressCache);
        }

        var rebuilt = new PodSet(n);
        foreach (var s in affectedEgress)
        {
            egress[s] = EgressOf(engine, c, s, strict, egressCache);
            var row = new PodSet(n);
            for (var d = 0; d < n; d++)
            {
                if (d == s || ((egress[s]?.Has(d) ?? true) && (ingress[d]?.Has(s) ?? true)))
                {
                    row.Add(d);
                }
            }

            rows[s] = row;
            rebuilt.Add(s);
        }

        if (affectedIngress.Length > 0)
        {
            for (var s = 0; s < n; s++)
            {
                if (rebuilt.Has(s))
                {
                    continue;
                }

                PodSet? copy = null;
                foreach (var d in affectedIngress)
                {
                    var value = d == s || ((egress[s]?.Has(d) ?? true) && (ingress[d]?.Has(s) ?? true));
                    if (value != rows[s].Has(d))
                    {
                        copy ??= rows[s].Clone();
                        copy.Set(d, value);
                    }
                }

                if (copy is not null)
                {
                    rows[s] = copy;
                }
            }
        }

        return new MatrixLayer(ingress, egress, rows);
    }

    /// <summary>Sources d's ingress admits on this class; null when d is not isolated for ingress.</summary>
    private static PodSet? IngressOf(PolicyEngine engine, PortClass c, int d, bool strict, Dictionary<string, PodSet> cache)
    {
        if (!engine.IsIngressIsolated(d))
        {
            return null;
        }

        var ids = new List<CompiledRule>();
        foreach (var pi in engine.IngressPoliciesOf(d))
        {
            foreach (var r in engine.PolicyAt(pi).IngressRules)
            {
                if (c.RuleMatches[r.Id].Covers(d))
                {
                    ids.Add(r);
                }
            }
        }

        var key = string.Join(',', ids.Select(r => r.Id));
        if (cache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var set = new PodSet(engine.Index.PodCount);
        foreach (var r in ids)
        {
            set.UnionWith(strict ? r.SelectorPods : r.AllPods);
        }

        cache[key] = set;
        return set;
    }

    /// <summary>Destinations s's egress admits on this class; null when s is not isolated for egress.</summary>
    private static PodSet? EgressOf(PolicyEngine engine, PortClass c, int s, bool strict, Dictionary<string, PodSet> cache)
    {
        if (!engine.IsEgressIsolated(s))
        {
            return null;
        }

        var ids = engine.EgressPoliciesOf(s);
        var key = string.Join(',', ids);
        if (cache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var set = new PodSet(engine.Index.PodCount);
        foreach (var pi in ids)
        {
            foreach (var r in engine.PolicyAt(pi).EgressRules)
            {
                var m = c.RuleMatches[r.Id];
                var peers = strict ? r.SelectorPods : r.AllPods;
                if (m.Kind == PortMatchKind.All)
                {
                    set.UnionWith(peers);
                }
                else if (m.Kind == PortMatchKind.Some)
                {
                    set.UnionWithIntersection(peers, m.Pods!);
                }
            }
        }

        cache[key] = set;
        return set;
    }

    private static PodReachability OnePod(PolicyEngine engine, ObjectKey key, ReachProbe probe, bool outbound)
    {
        var index = engine.Index;
        var me = engine.IndexOf(key);
        if (me < 0)
        {
            throw new ArgumentException($"no pod {key} in the snapshot", nameof(key));
        }

        var matches = new Dictionary<int, PortMatch>();
        PortMatch MatchOf(CompiledRule r)
        {
            if (!matches.TryGetValue(r.Id, out var m))
            {
                matches[r.Id] = m = PortMatch.Of(r, index, probe);
            }

            return m;
        }

        // Egress admits d from s: null-isolation → true; else any egress rule with peers ∋ d and ports covering d.
        (bool Full, bool Strict) EgressAdmits(int s, int d)
        {
            if (!engine.IsEgressIsolated(s))
            {
                return (true, true);
            }

            bool full = false, strict = false;
            foreach (var pi in engine.EgressPoliciesOf(s))
            {
                foreach (var r in engine.PolicyAt(pi).EgressRules)
                {
                    if (!MatchOf(r).Covers(d))
                    {
                        continue;
                    }

                    strict |= r.SelectorPods.Has(d);
                    full |= r.AllPods.Has(d);
                }
            }

            return (full, strict);
        }

        (bool Full, bool Strict) IngressAdmits(int s, int d)
        {
            if (!engine.IsIngressIsolated(d))
            {
                return (true, true);
            }

            bool full = false, strict = false;
            foreach (var pi in engine.IngressPoliciesOf(d))
            {
                foreach (var r in engine.PolicyAt(pi).IngressRules)
                {
                    if (!MatchOf(r).Covers(d))
                    {
                        continue;
                    }

                    strict |= r.SelectorPods.Has(s);
                    full |= r.AllPods.Has(s);
                }
            }

            return (full, strict);
        }

        var peers = ImmutableArray.CreateBuilder<PeerReach>(index.PodCount);
        for (var other = 0; other < index.PodCount; other++)
        {
            var (s, d) = outbound ? (me, other) : (other, me);
            ReachVerdict verdict;
            bool allowed;
            if (s == d)
            {
                allowed = true;
                verdict = ReachVerdict.Allowed;
            }
            else
            {
                var e = EgressAdmits(s, d);
                var i = IngressAdmits(s, d);
                allowed = e.Full && i.Full;
                var depends = (allowed && !(e.Strict && i.Strict)) || PolicyExplainer.HostNetworkMatters(engine, s, d);
                verdict = depends ? ReachVerdict.DependsOnImplementation : allowed ? ReachVerdict.Allowed : ReachVerdict.Denied;
            }

            peers.Add(new PeerReach(index.PodKeys[other], allowed, verdict));
        }

        return new PodReachability { Pod = key, Probe = probe, Outbound = outbound, Peers = peers.MoveToImmutable() };
    }
}
