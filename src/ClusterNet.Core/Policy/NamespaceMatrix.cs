using System.Collections.Immutable;
using System.Numerics;

namespace ClusterNet.Core.Policy;

/// <summary>
/// Namespace × namespace summary of a <see cref="ReachMatrix"/> for one probe (the policy page's first view).
/// Pods are ordered by namespace, so each namespace is a contiguous bit range of a matrix row: the counts are
/// popcounts of row slices, O(N · (N/64 + namespaces)) instead of a walk over the N² pod pairs.
/// </summary>
public sealed class NamespaceMatrix
{
    private NamespaceMatrix(ImmutableArray<string> namespaces, NamespaceCell[,] cells, ReachProbe probe)
    {
        Namespaces = namespaces;
        _cells = cells;
        Probe = probe;
    }

    private readonly NamespaceCell[,] _cells;

    public ImmutableArray<string> Namespaces { get; }

    public ReachProbe Probe { get; }

    public NamespaceCell this[int from, int to] => _cells[from, to];

    public static NamespaceMatrix Build(ReachMatrix matrix, int probe)
    {
        var pods = matrix.Pods;
        var n = pods.Length;
        var names = pods.Select(p => p.Namespace).Distinct(StringComparer.Ordinal).ToImmutableArray();
        var start = new int[names.Length + 1];
        for (int i = 0, k = 0; k < names.Length; k++)
        {
            start[k] = i;
            while (i < n && pods[i].Namespace == names[k])
            {
                i++;
            }

            start[k + 1] = i;
        }

        var layer = matrix.LayerOf(probe);
        var hostNetwork = new HostNetworkRows(matrix.Engine, n);
        var allowed = new long[names.Length, names.Length];
        var depends = new long[names.Length, names.Length];
        var scratch = new ulong[(n + 63) >> 6];
        var ambiguous = AmbiguousRows(layer, n);
        for (var a = 0; a < names.Length; a++)
        {
            for (var s = start[a]; s < start[a + 1]; s++)
            {
                var row = layer.Rows[s];
                AddRangeCounts(row, start, allowed, a);

                var any = EgressOrHostNetworkRow(layer, s, row, hostNetwork, scratch);
                if (ambiguous?[s] is { } amb)
                {
                    // Equal-priority cluster policies that disagree: implementation-defined whether allowed or not.
                    if (!any)
                    {
                        Array.Clear(scratch);
                    }

                    var aw = amb.Words;
                    for (var w = 0; w < scratch.Length; w++)
                    {
                        scratch[w] |= aw[w];
                    }

                    scratch[s >> 6] &= ~(1UL << (s & 63));
                    any = true;
                }

                if (any)
                {
                    AddRangeCounts(scratch, start, depends, a);
                }
            }
        }

        AddIngressIpBlockOnly(layer, matrix.Engine.Index.All, hostNetwork, NamespaceOfPod(start, n), depends, ambiguous);
        var cells = new NamespaceCell[names.Length, names.Length];
        for (var a = 0; a < names.Length; a++)
        {
            for (var b = 0; b < names.Length; b++)
            {
                long pairs = (long)(start[a + 1] - start[a]) * (start[b + 1] - start[b]);
                cells[a, b] = new NamespaceCell(names[a], names[b], pairs, allowed[a, b], pairs - allowed[a, b], depends[a, b]);
            }
        }

        return new NamespaceMatrix(names, cells, matrix.Probes[probe]);
    }

    /// <summary>
    /// Fills <paramref name="into"/> with the destinations whose verdict from <paramref name="s"/> is implementation-defined
    /// because of the source side (as <see cref="ReachMatrix.VerdictOf"/>): allowed only through an egress ipBlock matching a
    /// pod IP, or a hostNetwork end that policy would have judged. False when there is none, so most rows skip it.
    /// </summary>
    private static bool EgressOrHostNetworkRow(MatrixLayer layer, int s, ReadOnlySpan<ulong> row, HostNetworkRows hostNetwork, ulong[] into)
    {
        var se = EgressIpBlockOnly(layer, s);
        var host = hostNetwork.RowOf(s);
        if (se is null && host is null)
        {
            return false;
        }

        var h = host?.Words;
        ulong any = 0;
        for (var w = 0; w < into.Length; w++)
        {
            var v = (se is null ? 0 : row[w] & ~se[w]) | (h is null ? 0 : h[w]);
            into[w] = v;
            any |= v;
        }

        // A pod reaching itself is always plainly allowed.
        into[s >> 6] &= ~(1UL << (s & 63));
        return any != 0;
    }

    /// <summary>The strict egress words of s when an ipBlock on pod IPs widened its egress (else null: nothing to subtract).</summary>
    private static ulong[]? EgressIpBlockOnly(MatrixLayer layer, int s) =>
        layer.StrictEgress[s] is { } strict && !ReferenceEquals(strict, layer.Egress[s]) ? strict.Words : null;

    /// <summary>
    /// Adds the allowed pairs (s, d) that only an ingress ipBlock on a pod IP admits (Ingress[d] minus StrictIngress[d]),
    /// walking just the destinations where the two differ and skipping pairs the row pass already counted.
    /// </summary>
    private static void AddIngressIpBlockOnly(MatrixLayer layer, PodSet all, HostNetworkRows hostNetwork, int[] nsOf, long[,] depends, PodSet?[]? ambiguous)
    {
        for (var d = 0; d < nsOf.Length; d++)
        {
            var strict = layer.StrictIngress[d];
            var full = layer.Ingress[d];
            if (strict is null || ReferenceEquals(strict, full))
            {
                continue;
            }

            var diff = (full ?? all).Clone();
            diff.ExceptWith(strict);
            foreach (var s in diff.Members())
            {
                if (s == d || nsOf[s] < 0 || nsOf[d] < 0 || !layer.Rows.Has(s, d) || hostNetwork.RowOf(s)?.Has(d) == true || ambiguous?[s]?.Has(d) == true)
                {
                    continue;
                }

                if (EgressIpBlockOnly(layer, s) is { } se && (se[d >> 6] & (1UL << (d & 63))) == 0)
                {
                    continue;
                }

                depends[nsOf[s], nsOf[d]]++;
            }
        }
    }

    /// <summary>Per source, the destinations whose pair rests on a tier tie (egress side, plus the ingress side transposed); null when none.</summary>
    private static PodSet?[]? AmbiguousRows(MatrixLayer layer, int n)
    {
        if (layer.AmbiguousEgress is null && layer.AmbiguousIngress is null)
        {
            return null;
        }

        var rows = new PodSet?[n];
        for (var s = 0; s < n; s++)
        {
            if (layer.AmbiguousEgress?[s] is { } e)
            {
                (rows[s] ??= new PodSet(n)).UnionWith(e);
            }
        }

        for (var d = 0; d < n; d++)
        {
            if (layer.AmbiguousIngress?[d] is { } i)
            {
                foreach (var s in i.Members())
                {
                    (rows[s] ??= new PodSet(n)).Add(d);
                }
            }
        }

        return rows;
    }

    private static int[] NamespaceOfPod(int[] start, int n)
    {
        var nsOf = new int[n];
        Array.Fill(nsOf, -1);
        for (var k = 0; k + 1 < start.Length; k++)
        {
            Array.Fill(nsOf, k, start[k], start[k + 1] - start[k]);
        }

        return nsOf;
    }

    /// <summary>
    /// counts[a, b] += bits of <paramref name="words"/> in [start[b], start[b + 1]), for every b in one sweep: a running
    /// popcount of whole words plus one masked word per boundary.
    /// </summary>
    private static void AddRangeCounts(ReadOnlySpan<ulong> words, int[] start, long[,] counts, int a)
    {
        long below = 0;
        var w = 0;
        static long BitsBelow(ReadOnlySpan<ulong> words, int end, ref long below, ref int w)
        {
            var lastWord = end >> 6;
            while (w < lastWord)
            {
                below += BitOperations.PopCount(words[w++]);
            }

            return below + ((end & 63) == 0 ? 0 : BitOperations.PopCount(words[lastWord] & ((1UL << (end & 63)) - 1)));
        }

        var previous = BitsBelow(words, start[0], ref below, ref w);
        for (var b = 0; b + 1 < start.Length; b++)
        {
            var upTo = BitsBelow(words, start[b + 1], ref below, ref w);
            counts[a, b] += upTo - previous;
            previous = upTo;
        }
    }

    /// <summary>
    /// The destinations where <see cref="PolicyExplainer.HostNetworkMatters"/> holds for a source, which depends on the
    /// source only through three flags: so at most a handful of distinct rows, built once.
    /// </summary>
    private sealed class HostNetworkRows
    {
        private readonly PolicyEngine _engine;
        private readonly PodSet?[] _cache = new PodSet?[8];
        private readonly PodSet _hostNetwork;
        private readonly PodSet _ingressIsolated;
        private readonly PodSet _hostNetworkWithIngressPolicy;
        private readonly bool _any;

        public HostNetworkRows(PolicyEngine engine, int n)
        {
            _engine = engine;
            _hostNetwork = new PodSet(n);
            _ingressIsolated = new PodSet(n);
            _hostNetworkWithIngressPolicy = new PodSet(n);
            var hn = engine.Index.HostNetwork;
            for (var p = 0; p < n; p++)
            {
                if (hn[p])
                {
                    _hostNetwork.Add(p);
                    if (engine.IngressPoliciesOf(p).Length > 0 || engine.Chain.SelectsHostNetworkPod(p, true))
                    {
                        _hostNetworkWithIngressPolicy.Add(p);
                    }
                }

                // As PolicyExplainer.HostNetworkMatters: a tier stage judging the other end counts like isolation.
                if (engine.IsIngressIsolated(p) || engine.Chain.Selects(p, true))
                {
                    _ingressIsolated.Add(p);
                }
            }

            _any = engine.Index.AnyHostNetwork;
        }

        /// <summary>
        /// (hs ∧ (egress policies(s) ∨ ingress-isolated(d))) ∨ (hd ∧ (ingress policies(d) ∨ egress-isolated(s))); null when empty.
        /// </summary>
        public PodSet? RowOf(int s)
        {
            if (!_any)
            {
                return null;
            }

            var hs = _engine.Index.HostNetwork[s];
            var ep = _engine.EgressPoliciesOf(s).Length > 0 || _engine.Chain.SelectsHostNetworkPod(s, false);
            var ei = _engine.IsEgressIsolated(s) || _engine.Chain.Selects(s, false);
            var key = (hs ? 4 : 0) | (ep ? 2 : 0) | (ei ? 1 : 0);
            if (_cache[key] is { } cached)
            {
                return cached.IsEmpty ? null : cached;
            }

            var row = new PodSet(_hostNetwork.Capacity);
            if (hs)
            {
                row.UnionWith(ep ? _engine.Index.All : _ingressIsolated);
            }

            row.UnionWith(ei ? _hostNetwork : _hostNetworkWithIngressPolicy);
            _cache[key] = row;
            return row.IsEmpty ? null : row;
        }
    }
}
