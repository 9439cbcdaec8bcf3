using System.Collections.Immutable;
using ClusterNet.Core.Model;
using ClusterNet.Core.Policy.Chain;

namespace ClusterNet.Core.Policy;

/// <summary>The bitset algorithms behind <see cref="ReachMatrix"/> and the one-pod reachability queries.</summary>
internal static class MatrixComputer
{
    public static ReachMatrix Compute(PolicyEngine engine, ImmutableArray<ReachProbe> probes)
    {
        var classes = Classify(engine, probes);
        var groups = new PolicyGroups(engine);
        Parallel.ForEach(classes, c => c.Layer = Layer(engine, c, groups, probes[c.ProbeIndexes[0]]));
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

        var n = engine.Index.PodCount;
        var changes = new StageChanges(n);
        if (!ReferenceEquals(oldEngine.Chain, engine.Chain) && !ChainChanges(oldEngine.Chain, engine.Chain, n, changes))
        {
            return Compute(engine, previous.Probes);
        }

        var (ingress, egress, newRules) = (changes.Ingress, changes.Egress, changes.NewRules);

        foreach (var key in changedPolicies.Distinct())
        {
            oldEngine.TryGetPolicy(key, out var old);
            engine.TryGetPolicy(key, out var now);
            var (i, e) = PolicyEngine.Affected(n, old, now);
            ingress.UnionWith(i);
            egress.UnionWith(e);
            if (now is not null)
            {
                newRules.AddRange(now.IngressRules);
                newRules.AddRange(now.EgressRules);
            }
        }

        // The port classes stay valid when every new rule and every stage's own key answer all probes of a class alike;
        // otherwise start over.
        var classes = new List<PortClass>(previous.Classes.Count);
        foreach (var before in previous.Classes)
        {
            var matches = new Dictionary<int, PortMatch>(before.RuleMatches);
            var firstProbe = previous.Probes[before.ProbeIndexes[0]];
            foreach (var r in newRules)
            {
                var first = PortMatch.Of(r, engine.Index, firstProbe);
                foreach (var p in before.ProbeIndexes.Skip(1))
                {
                    if (!SameMatch(first, PortMatch.Of(r, engine.Index, previous.Probes[p])))
                    {
                        return Compute(engine, previous.Probes);
                    }
                }

                matches[r.Id] = first;
            }

            if (!ReferenceEquals(oldEngine.Chain, engine.Chain))
            {
                foreach (var stage in engine.Chain.Stages)
                {
                    var key = stage.ClassKey(firstProbe);
                    if (before.ProbeIndexes.Skip(1).Any(p => stage.ClassKey(previous.Probes[p]) != key))
                    {
                        return Compute(engine, previous.Probes);
                    }
                }
            }

            classes.Add(new PortClass(before.ProbeIndexes, matches));
        }

        // Pods recomputed wholly first, then those recomputed only at some peers (none when no peer is a pod).
        // Affected pods with the same isolating policies share one union per class, as in a full computation.
        var d = ingress.Members().ToArray();
        var s = egress.Members().ToArray();
        int[] dAll = [.. d, .. AtPeersOnly(changes.PeerIngress, ingress, changes.IngressPeers)];
        int[] sAll = [.. s, .. AtPeersOnly(changes.PeerEgress, egress, changes.EgressPeers)];
        var affected = new AffectedPods(
            new AffectedSide(dAll, GroupsOf(dAll, engine.IngressPoliciesOf), d.Length, [.. changes.IngressPeers.Members()]),
            new AffectedSide(sAll, GroupsOf(sAll, engine.EgressPoliciesOf), s.Length, [.. changes.EgressPeers.Members()]));
        Parallel.For(0, classes.Count, k => classes[k].Layer = Patch(engine, classes[k], previous.Classes[k].Layer, affected, previous.Probes[classes[k].ProbeIndexes[0]]));
        return new ReachMatrix(engine, previous.Probes, classes);
    }

    /// <summary>The pods to recompute only at <paramref name="peers"/>: none without peers, none recomputed wholly anyway.</summary>
    private static IEnumerable<int> AtPeersOnly(PodSet pods, PodSet whole, PodSet peers) =>
        peers.IsEmpty ? [] : pods.Members().Where(p => !whole.Has(p));

    /// <summary>
    /// After the chain was derived for changed tier policies: the pods whose own side a stage's change can affect, per
    /// direction, and the port rules new in the chain. Stages are matched by tier; a stage that appears or disappears
    /// affects every pod it judges. False when the chain's shape changed in a way a patch cannot follow, or a stage
    /// cannot say what changed (then the caller recomputes everything).
    /// </summary>
    private static bool ChainChanges(PolicyChain before, PolicyChain after, int n, StageChanges changes)
    {
        if (before.NetworkPolicyTier != after.NetworkPolicyTier)
        {
            return false;
        }

        var old = new Dictionary<string, IPolicyStage>(StringComparer.Ordinal);
        foreach (var st in before.Stages)
        {
            if (!old.TryAdd(st.Tier, st))
            {
                return false;
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var st in after.Stages)
        {
            if (!seen.Add(st.Tier))
            {
                return false;
            }

            if (!old.TryGetValue(st.Tier, out var was))
            {
                AddJudged(st, n, changes.Ingress, changes.Egress);
                changes.NewRules.AddRange(st.PortRules);
                continue;
            }

            if (ReferenceEquals(was, st))
            {
                continue;
            }

            // A stage that moved relative to the NetworkPolicy stage changes the order for every pod it judges.
            if ((was.Order < PolicyChain.NetworkPolicyOrder) != (st.Order < PolicyChain.NetworkPolicyOrder) || !st.AddChanges(was, changes))
            {
                return false;
            }
        }

        foreach (var (tier, was) in old)
        {
            if (!seen.Contains(tier))
            {
                AddJudged(was, n, changes.Ingress, changes.Egress);
            }
        }

        // Stages keep their relative order (tiers sort by order; a reordering means different Tier objects, rebuilt).
        var common = after.Stages.Where(st => old.ContainsKey(st.Tier)).Select(st => st.Tier);
        return common.SequenceEqual(before.Stages.Where(st => seen.Contains(st.Tier)).Select(st => st.Tier), StringComparer.Ordinal);
    }

    /// <summary>The pods a stage judges, per direction.</summary>
    private static void AddJudged(IPolicyStage stage, int n, PodSet ingress, PodSet egress)
    {
        for (var p = 0; p < n; p++)
        {
            if (stage.Selects(p, true))
            {
                ingress.Add(p);
            }

            if (stage.Selects(p, false))
            {
                egress.Add(p);
            }
        }
    }

    public static PodReachability FromPod(PolicyEngine engine, ObjectKey pod, ReachProbe probe) => OnePod(engine, pod, probe, outbound: true);

    public static PodReachability ToPod(PolicyEngine engine, ObjectKey pod, ReachProbe probe) => OnePod(engine, pod, probe, outbound: false);

    private static bool SameMatch(PortMatch a, PortMatch b) =>
        a.Kind == b.Kind && (a.Kind != PortMatchKind.Some || ReferenceEquals(a.Pods, b.Pods) || a.Pods!.SetEquals(b.Pods!));

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

        foreach (var stage in engine.Chain.Stages)
        {
            rules.AddRange(stage.PortRules);
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

            foreach (var stage in engine.Chain.Stages)
            {
                sig.Append('|').Append(stage.ClassKey(probes[k]));
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

    private static MatrixLayer Layer(PolicyEngine engine, PortClass c, PolicyGroups groups, ReachProbe probe)
    {
        var n = engine.Index.PodCount;
        var ingress = new PodSet?[n];
        var egress = new PodSet?[n];
        var strictIngress = new PodSet?[n];
        var strictEgress = new PodSet?[n];
        var sets = new SetCache();
        var tiers = engine.Chain.IsEmpty ? null : new TierLayer(engine, c, probe, n);
        for (var p = 0; p < n; p++)
        {
            (ingress[p], strictIngress[p]) = IngressOf(engine, c, p, sets, groups.IngressGroup[p]);
            (egress[p], strictEgress[p]) = EgressOf(engine, c, p, sets, groups.EgressGroup[p]);
            tiers?.Apply(p, ingress, strictIngress, egress, strictEgress);
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

        return new MatrixLayer(ingress, egress, strictIngress, strictEgress, ReachMatrixRows.Of(rows, n)) { AmbiguousIngress = tiers?.AmbiguousIngress, AmbiguousEgress = tiers?.AmbiguousEgress };
    }

    /// <summary>
    /// The chain's stages applied over one layer's NetworkPolicy answers: only pods some stage judges change, so a
    /// NetworkPolicy-only cluster never gets here.
    /// </summary>
    private sealed class TierLayer(PolicyEngine engine, PortClass c, ReachProbe probe, int n, int[]? peerPods = null)
    {
        private readonly StageContext _context = new(engine.Index, probe, r => c.RuleMatches[r.Id]) { PeerPods = peerPods };

        public PodSet?[]? AmbiguousIngress { get; private set; }
        public PodSet?[]? AmbiguousEgress { get; private set; }

        public void Apply(int p, PodSet?[] ingress, PodSet?[] strictIngress, PodSet?[] egress, PodSet?[] strictEgress)
        {
            ApplyIngress(p, ingress, strictIngress);
            ApplyEgress(p, egress, strictEgress);
        }

        public void ApplyIngress(int p, PodSet?[] ingress, PodSet?[] strictIngress)
        {
            if (Side(p, true, ingress, strictIngress) is { } amb)
            {
                (AmbiguousIngress ??= new PodSet?[n])[p] = amb;
            }
        }

        public void ApplyEgress(int p, PodSet?[] egress, PodSet?[] strictEgress)
        {
            if (Side(p, false, egress, strictEgress) is { } amb)
            {
                (AmbiguousEgress ??= new PodSet?[n])[p] = amb;
            }
        }

        /// <summary>
        /// A pod's answer recomputed only at this layer's peer pods over its answer in <paramref name="before"/>:
        /// <paramref name="full"/>/<paramref name="strict"/> hold the NetworkPolicy answers on entry and the merged answers
        /// on return, the earlier sets kept where nothing at the peers changed. The merged ambiguity goes to
        /// <paramref name="layer"/>, the patch's whole-answer layer.
        /// </summary>
        public void ApplyAtPeers(int p, bool ingress, MatrixLayer before, PodSet?[] full, PodSet?[] strict, TierLayer layer)
        {
            var peers = peerPods!;
            var amb = Side(p, ingress, full, strict);
            var (wasFull, wasStrict, wasAmb) = ingress
                ? (before.Ingress[p], before.StrictIngress[p], before.AmbiguousIngress?[p])
                : (before.Egress[p], before.StrictEgress[p], before.AmbiguousEgress?[p]);
            full[p] = Merged(wasFull, full[p]);
            strict[p] = Merged(wasStrict, strict[p]);
            if ((wasAmb is not null || amb is not null) && AtPeers(wasAmb, amb, peers, n, absent: false) is { IsEmpty: false } merged)
            {
                (ingress ? layer.AmbiguousIngress ??= new PodSet?[n] : layer.AmbiguousEgress ??= new PodSet?[n])[p] = merged;
            }
        }

        /// <summary>Pods with equal answers share the sets (both cached by composition), so a merge is done once per pair.</summary>
        private readonly Dictionary<(PodSet?, PodSet?), PodSet?> _merged = [];

        private PodSet? Merged(PodSet? was, PodSet? now)
        {
            if (!_merged.TryGetValue((was, now), out var merged))
            {
                _merged[(was, now)] = merged = AtPeers(was, now, peerPods!, n, absent: true);
            }

            return merged;
        }

        private PodSet? Side(int p, bool ingress, PodSet?[] full, PodSet?[] strict)
        {
            var chain = engine.Chain;
            if (!chain.Selects(p, ingress))
            {
                return null;
            }

            (full[p], strict[p]) = chain.Compose(_context, p, ingress, full[p], strict[p], out var amb);
            return amb;
        }
    }

    /// <summary>
    /// <paramref name="was"/> (a set over every pod) with its bits at <paramref name="peers"/> taken from
    /// <paramref name="now"/>, which holds bit j for peers[j] (a projected answer) or is a set over every pod (an answer no
    /// stage judged); a null set holds <paramref name="absent"/> everywhere. Returns <paramref name="was"/> itself when
    /// they agree at the peers, so unchanged answers stay shared and write no row.
    /// </summary>
    private static PodSet? AtPeers(PodSet? was, PodSet? now, int[] peers, int n, bool absent)
    {
        var projected = now is not null && now.Capacity != n;
        PodSet? merged = null;
        for (var j = 0; j < peers.Length; j++)
        {
            var pod = peers[j];
            var bit = now?.Has(projected ? j : pod) ?? absent;
            if (bit != (was?.Has(pod) ?? absent))
            {
                merged ??= was?.Clone() ?? (absent ? PodSet.All(n) : new PodSet(n));
                merged.Set(pod, bit);
            }
        }

        return merged ?? was;
    }

    /// <summary>The pods a patch recomputes, per direction.</summary>
    private sealed record AffectedPods(AffectedSide Ingress, AffectedSide Egress);

    /// <summary>
    /// One direction's recomputed pods with their policy group numbers (-1: not isolated): the first
    /// <paramref name="Whole"/> wholly, the rest only at the <paramref name="Peers"/> (ascending).
    /// </summary>
    private sealed record AffectedSide(int[] Pods, int[] Groups, int Whole, int[] Peers);

    private static int[] GroupsOf(int[] pods, Func<int, int[]> policiesOf)
    {
        var groups = new Dictionary<string, int>(StringComparer.Ordinal);
        return [.. pods.Select(p => PolicyGroups.Group(groups, policiesOf(p)))];
    }

    private static MatrixLayer Patch(PolicyEngine engine, PortClass c, MatrixLayer before, AffectedPods affected, ReachProbe probe)
    {
        var (affectedIngress, affectedEgress) = (affected.Ingress.Pods, affected.Egress.Pods);
        var n = engine.Index.PodCount;
        var ingress = (PodSet?[])before.Ingress.Clone();
        var egress = (PodSet?[])before.Egress.Clone();
        var strictIngress = (PodSet?[])before.StrictIngress.Clone();
        var strictEgress = (PodSet?[])before.StrictEgress.Clone();
        var sets = new SetCache();
        var tiers = engine.Chain.IsEmpty ? null : new TierLayer(engine, c, probe, n);
        var side = affected.Ingress;
        for (var k = 0; k < side.Whole; k++)
        {
            var d = affectedIngress[k];
            (ingress[d], strictIngress[d]) = IngressOf(engine, c, d, sets, side.Groups[k]);
            tiers?.ApplyIngress(d, ingress, strictIngress);
        }

        // Pods whose answer may change only at some peers: the chain answers over those peers only (its own context,
        // peer sets projected onto them), merged into the earlier answer at the peers. Only a stage reports such pods, so the chain has stages.
        var peerTiers = side.Whole < affectedIngress.Length ? new TierLayer(engine, c, probe, n, side.Peers) : null;
        for (var k = side.Whole; k < affectedIngress.Length; k++)
        {
            var d = affectedIngress[k];
            (ingress[d], strictIngress[d]) = IngressOf(engine, c, d, sets, side.Groups[k]);
            peerTiers!.ApplyAtPeers(d, true, before, ingress, strictIngress, tiers!);
        }

        side = affected.Egress;
        for (var k = 0; k < side.Whole; k++)
        {
            var s = affectedEgress[k];
            (egress[s], strictEgress[s]) = EgressOf(engine, c, s, sets, side.Groups[k]);
            tiers?.ApplyEgress(s, egress, strictEgress);
        }

        peerTiers = side.Whole < affectedEgress.Length ? new TierLayer(engine, c, probe, n, side.Peers) : null;
        for (var k = side.Whole; k < affectedEgress.Length; k++)
        {
            var s = affectedEgress[k];
            (egress[s], strictEgress[s]) = EgressOf(engine, c, s, sets, side.Groups[k]);
            peerTiers!.ApplyAtPeers(s, false, before, egress, strictEgress, tiers!);
        }

        // A row bit (s, d) = egress[s] ∋ d ∧ ingress[d] ∋ s. It can only change where s's admitted destinations or d's
        // admitted sources changed: only those bits are written (old XOR new, word by word), rows copied on first write.
        var rowsOut = before.Rows.Edit();
        var all = engine.Index.All;
        foreach (var s in affectedEgress)
        {
            var (was, now) = ((before.Egress[s] ?? all).Words, (egress[s] ?? all).Words);
            if (ReferenceEquals(was, now))
            {
                continue;
            }

            for (var wi = 0; wi < now.Length; wi++)
            {
                var diff = was[wi] ^ now[wi];
                if (diff == 0)
                {
                    continue;
                }

                // Destinations s no longer admits: cleared at once. Newly admitted ones: set where d's ingress admits s.
                var on = 0UL;
                for (var bits = diff & now[wi]; bits != 0; bits &= bits - 1)
                {
                    var d = (wi << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits);
                    if (ingress[d]?.Has(s) ?? true)
                    {
                        on |= bits & (~bits + 1);
                    }
                }

                rowsOut.Write(s, wi, diff, on);
            }
        }

        ApplyColumnChanges(before, ingress, egress, affectedIngress, rowsOut, all, n);

        return new MatrixLayer(ingress, egress, strictIngress, strictEgress, rowsOut.Finish())
        {
            AmbiguousIngress = Merge(before.AmbiguousIngress, tiers?.AmbiguousIngress, affectedIngress),
            AmbiguousEgress = Merge(before.AmbiguousEgress, tiers?.AmbiguousEgress, affectedEgress),
        };
    }

    /// <summary>
    /// The row bits of destinations whose admitted sources changed. Per block of 64 destinations only the columns that
    /// changed take part: per source word, their changed bits (old XOR new) and new bits become row words, by a 64×64
    /// transpose when many bits changed and bit by bit when few did (a policy's subjects are a few columns per block).
    /// A row bit can only change where the source's egress admits the destination, so the mask is narrowed by it.
    /// </summary>
    private static void ApplyColumnChanges(MatrixLayer before, PodSet?[] ingress, PodSet?[] egress, int[] affectedIngress, ReachMatrixRowWriter rows, PodSet all, int n)
    {
        var words = (n + 63) >> 6;
        var blocks = new Dictionary<int, List<ChangedColumn>>();
        foreach (var d in affectedIngress)
        {
            var (was, now) = ((before.Ingress[d] ?? all).Words, (ingress[d] ?? all).Words);
            if (ReferenceEquals(was, now))
            {
                continue;
            }

            if (!was.AsSpan().SequenceEqual(now))
            {
                if (!blocks.TryGetValue(d >> 6, out var columns))
                {
                    blocks[d >> 6] = columns = [];
                }

                columns.Add(new ChangedColumn(d & 63, was, now));
            }
        }

        Span<ulong> changed = stackalloc ulong[64];
        Span<ulong> on = stackalloc ulong[64];
        foreach (var (db, columns) in blocks)
        {
            for (var sw = 0; sw < words; sw++)
            {
                ulong any = 0;
                var bits = 0;
                foreach (var c in columns)
                {
                    var diff = c.Was[sw] ^ c.Now[sw];
                    any |= diff;
                    bits += System.Numerics.BitOperations.PopCount(diff);
                }

                if (any == 0)
                {
                    continue;
                }

                changed.Clear();
                on.Clear();
                if (bits <= ScatterBits)
                {
                    foreach (var c in columns)
                    {
                        var bit = 1UL << c.J;
                        var now = c.Now[sw];
                        for (var x = c.Was[sw] ^ now; x != 0; x &= x - 1)
                        {
                            var i = System.Numerics.BitOperations.TrailingZeroCount(x);
                            changed[i] |= bit;
                            on[i] |= ((now >> i) & 1) * bit;
                        }
                    }
                }
                else
                {
                    foreach (var c in columns)
                    {
                        changed[c.J] = c.Was[sw] ^ c.Now[sw];
                        on[c.J] = changed[c.J] & c.Now[sw];
                    }

                    BitTranspose.Transpose64(changed);
                    BitTranspose.Transpose64(on);
                }

                // Sources past the last pod have no bits in any column, so every i here is a pod.
                for (var x = any; x != 0; x &= x - 1)
                {
                    var i = System.Numerics.BitOperations.TrailingZeroCount(x);
                    var s = (sw << 6) + i;
                    var mask = changed[i] & (egress[s] ?? all).Words[db];
                    if (mask != 0)
                    {
                        rows.Write(s, db, mask, on[i]);
                    }
                }
            }
        }
    }

    /// <summary>Below this many changed bits in a block's source word, scattering them costs less than two transposes.</summary>
    private const int ScatterBits = 160;

    /// <summary>A destination whose admitted sources changed: its bit in its block, its old and new words (XOR: what changed).</summary>
    private readonly record struct ChangedColumn(int J, ulong[] Was, ulong[] Now);

    /// <summary>The ambiguity sets after a patch: recomputed pods take the new answer, the others keep theirs.</summary>
    private static PodSet?[]? Merge(PodSet?[]? before, PodSet?[]? now, int[] recomputed)
    {
        if (before is null && now is null)
        {
            return null;
        }

        // Most patches leave ambiguity where it was: then the earlier array is shared, not copied.
        if (before is not null && recomputed.All(p => ReferenceEquals(before[p], now?[p])))
        {
            return before;
        }

        var merged = before is null ? new PodSet?[(now ?? before)!.Length] : (PodSet?[])before.Clone();
        foreach (var p in recomputed)
        {
            merged[p] = now?[p];
        }

        return merged;
    }

    /// <summary>Unions already computed in one layer, keyed by the contributing rule ids (or the policy group).</summary>
    private sealed class SetCache
    {
        public Dictionary<string, (PodSet Full, PodSet Strict)> ByRules { get; } = new(StringComparer.Ordinal);
        public Dictionary<int, (PodSet Full, PodSet Strict)> ByIngressGroup { get; } = [];
        public Dictionary<int, (PodSet Full, PodSet Strict)> ByEgressGroup { get; } = [];
    }

    /// <summary>Sources d's ingress admits on this class (and without ipBlock-on-pod matches); null when not isolated.</summary>
    private static (PodSet? Full, PodSet? Strict) IngressOf(PolicyEngine engine, PortClass c, int d, SetCache cache, int group)
    {
        if (!engine.IsIngressIsolated(d))
        {
            return (null, null);
        }

        // Pods with the same selecting policies share one union unless a named port makes it depend on the pod.
        if (group >= 0 && cache.ByIngressGroup.TryGetValue(group, out var byGroup))
        {
            return byGroup;
        }

        var rules = new List<CompiledRule>();
        var perPod = false;
        foreach (var pi in engine.IngressPoliciesOf(d))
        {
            foreach (var r in engine.PolicyAt(pi).IngressRules)
            {
                var m = c.RuleMatches[r.Id];
                perPod |= m.Kind == PortMatchKind.Some;
                if (m.Covers(d))
                {
                    rules.Add(r);
                }
            }
        }

        var key = string.Join(',', rules.Select(r => r.Id));
        if (!cache.ByRules.TryGetValue(key, out var sets))
        {
            var full = new PodSet(engine.Index.PodCount);
            var viaIp = false;
            foreach (var r in rules)
            {
                full.UnionWith(r.AllPods);
                viaIp |= !r.IpBlockPods.IsEmpty;
            }

            var strict = full;
            if (viaIp)
            {
                strict = new PodSet(engine.Index.PodCount);
                foreach (var r in rules)
                {
                    strict.UnionWith(r.SelectorPods);
                }
            }

            cache.ByRules[key] = sets = (full, strict);
        }

        if (!perPod && group >= 0)
        {
            cache.ByIngressGroup[group] = sets;
        }

        return sets;
    }

    /// <summary>Destinations s's egress admits on this class (and without ipBlock-on-pod matches); null when not isolated.</summary>
    private static (PodSet? Full, PodSet? Strict) EgressOf(PolicyEngine engine, PortClass c, int s, SetCache cache, int group)
    {
        if (!engine.IsEgressIsolated(s))
        {
            return (null, null);
        }

        if (group >= 0 && cache.ByEgressGroup.TryGetValue(group, out var byGroup))
        {
            return byGroup;
        }

        var ids = engine.EgressPoliciesOf(s);
        var key = "e" + string.Join(',', ids);
        if (!cache.ByRules.TryGetValue(key, out var sets))
        {
            var full = new PodSet(engine.Index.PodCount);
            var strict = new PodSet(engine.Index.PodCount);
            var viaIp = false;
            foreach (var pi in ids)
            {
                foreach (var r in engine.PolicyAt(pi).EgressRules)
                {
                    var m = c.RuleMatches[r.Id];
                    viaIp |= m.Kind != PortMatchKind.None && !r.IpBlockPods.IsEmpty;
                    if (m.Kind == PortMatchKind.All)
                    {
                        full.UnionWith(r.AllPods);
                        strict.UnionWith(r.SelectorPods);
                    }
                    else if (m.Kind == PortMatchKind.Some)
                    {
                        full.UnionWithIntersection(r.AllPods, m.Pods!);
                        strict.UnionWithIntersection(r.SelectorPods, m.Pods!);
                    }
                }
            }

            cache.ByRules[key] = sets = (full, viaIp ? strict : full);
        }

        if (group >= 0)
        {
            cache.ByEgressGroup[group] = sets;
        }

        return sets;
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

        var chain = engine.Chain;
        var context = chain.IsEmpty ? null : new StageContext(index, probe, MatchOf);
        var ambiguous = false;

        // The chain's stages over a NetworkPolicy pair answer (np null when NetworkPolicy does not isolate that side).
        (bool Full, bool Strict) Tiered(int pod, bool ingress, int peer, (bool Full, bool Strict)? np)
        {
            var full = chain.DecidePair(context!, pod, ingress, peer, np?.Full, out var amb);
            ambiguous |= amb;
            var strict = np is { } v && v.Full != v.Strict ? chain.DecidePair(context!, pod, ingress, peer, v.Strict, out _) : full;
            return (full, strict);
        }

        // Egress admits d from s: null-isolation → true; else any egress rule with peers ∋ d and ports covering d.
        (bool Full, bool Strict) EgressAdmits(int s, int d)
        {
            if (context is not null && chain.Selects(s, false))
            {
                return Tiered(s, false, d, engine.IsEgressIsolated(s) ? NpEgress(s, d) : null);
            }

            return engine.IsEgressIsolated(s) ? NpEgress(s, d) : (true, true);
        }

        (bool Full, bool Strict) NpEgress(int s, int d)
        {
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
            if (context is not null && chain.Selects(d, true))
            {
                return Tiered(d, true, s, engine.IsIngressIsolated(d) ? NpIngress(s, d) : null);
            }

            return engine.IsIngressIsolated(d) ? NpIngress(s, d) : (true, true);
        }

        (bool Full, bool Strict) NpIngress(int s, int d)
        {
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
                ambiguous = false;
                var e = EgressAdmits(s, d);
                var i = IngressAdmits(s, d);
                allowed = e.Full && i.Full;
                var depends = (allowed && !(e.Strict && i.Strict)) || ambiguous || PolicyExplainer.HostNetworkMatters(engine, s, d);
                verdict = depends ? ReachVerdict.DependsOnImplementation : allowed ? ReachVerdict.Allowed : ReachVerdict.Denied;
            }

            peers.Add(new PeerReach(index.PodKeys[other], allowed, verdict));
        }

        return new PodReachability { Pod = key, Probe = probe, Outbound = outbound, Peers = peers.MoveToImmutable() };
    }
}
