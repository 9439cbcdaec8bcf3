using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace ClusterNet.Core.Policy.Calico;

/// <summary>
/// Calico policies over the pod index as bitsets: each pod's workload endpoint by index, and per compiled policy its
/// <see cref="CalicoPolicyBits"/> (subject and rule peer sets), computed once and shared by every stage and every
/// derived model that keeps the compiled policy.
/// </summary>
internal sealed class CalicoBitIndex
{
    private readonly ConcurrentDictionary<CalicoCompiledPolicy, CalicoPolicyBits> _policies;

    public CalicoBitIndex(PolicyIndex index, CalicoTieredEvaluator evaluator)
    {
        Index = index;
        CalicoEndpoint[] endpoints = [.. index.PodKeys.Select(k => evaluator.EndpointOf(k) ?? throw new InvalidOperationException($"no Calico endpoint for pod {k}"))];
        Endpoints = endpoints;
        _classes = new Lazy<int[]>(() => LabelClasses(endpoints));
        _portNames = new Lazy<ILookup<string, int>>(() => Enumerable.Range(0, endpoints.Length)
            .SelectMany(i => (endpoints[i].Pod?.Containers ?? []).SelectMany(c => c.Ports).Select(cp => cp.Name).OfType<string>().Distinct().Select(name => (name, i)))
            .ToLookup(x => x.name, x => x.i, StringComparer.Ordinal));
        _portPods = new();
        _inNet = new();
        _policies = new(ReferenceEqualityComparer.Instance);
    }

    /// <summary>
    /// A derived model's index over the same pods: what depends on the pods only (label classes, port-name lookup, port
    /// sets per spec and probe) is shared, so an edit does not recompute it; <paramref name="kept"/> policies keep their bitsets.
    /// </summary>
    private CalicoBitIndex(CalicoBitIndex from, IEnumerable<KeyValuePair<CalicoCompiledPolicy, CalicoPolicyBits>> kept)
    {
        Index = from.Index;
        Endpoints = from.Endpoints;
        _classes = from._classes;
        _portNames = from._portNames;
        _portPods = from._portPods;
        _inNet = from._inNet;
        _policies = new(kept, ReferenceEqualityComparer.Instance);
    }

    public PolicyIndex Index { get; }

    /// <summary>The workload endpoint of each pod, by pod index.</summary>
    public CalicoEndpoint[] Endpoints { get; }

    private readonly ConcurrentDictionary<(string Specs, ReachProbe Probe), PodSet> _portPods;
    private readonly Lazy<int[]> _classes;

    /// <summary>
    /// Per pod, a number shared by the pods every label-reading criterion answers alike: same namespace, same labels,
    /// same ServiceAccount labels (pods of one workload). Selectors, namespaceSelector and service accounts are
    /// evaluated once per class; nets still go per pod (addresses differ).
    /// </summary>
    public int[] ClassOf => _classes.Value;

    private static int[] LabelClasses(CalicoEndpoint[] endpoints)
    {
        static void Append(System.Text.StringBuilder b, IReadOnlyDictionary<string, string> labels)
        {
            foreach (var (k, v) in labels.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                b.Append(k).Append('\u0001').Append(v).Append('\u0002');
            }

            b.Append('\u0003');
        }

        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var classes = new int[endpoints.Length];
        var b = new System.Text.StringBuilder();
        for (var i = 0; i < endpoints.Length; i++)
        {
            var e = endpoints[i];
            b.Clear().Append(e.IsPod ? 'p' : 'x').Append(e.Namespace).Append('\u0003').Append(e.ServiceAccount).Append('\u0003');
            Append(b, e.Labels);
            Append(b, e.NamespaceLabels);
            Append(b, e.ServiceAccountLabels);
            var key = b.ToString();
            if (!ids.TryGetValue(key, out var id))
            {
                ids[key] = id = ids.Count;
            }

            classes[i] = id;
        }

        return classes;
    }

    /// <summary>
    /// The pods a destination's ports and notPorts let the probe through to, as <see cref="CalicoEntityMatcher.Mismatch"/>
    /// reads them on a known port. Shared by every rule with the same specs (records: equal values answer alike).
    /// </summary>
    public PodSet PortPods(ImmutableArray<CalicoPortSpec> ports, ImmutableArray<CalicoPortSpec> notPorts, ReachProbe probe)
    {
        static string Text(ImmutableArray<CalicoPortSpec> specs) =>
            specs.IsDefaultOrEmpty ? "" : string.Join(',', specs.Select(p => $"{p.Protocol}:{p.First}:{p.Last}:{p.Name}"));

        return _portPods.GetOrAdd((Text(ports) + "|" + Text(notPorts), probe), _ =>
        {
            var n = Index.PodCount;
            if (n == 0)
            {
                return new PodSet(0);
            }

            // Numbers and ranges do not depend on the pod; a named port matches only on pods declaring that name.
            // Pods declaring none of the names get the answer of the numbered specs alone, computed once.
            bool Matches(CalicoPortSpec p, CalicoEndpoint? e) => p.Name is null ? p.Matches(probe, Endpoints[0]) : e is not null && p.Matches(probe, e);
            bool Admits(CalicoEndpoint? e) =>
                (ports.IsDefaultOrEmpty || ports.Any(p => Matches(p, e))) && (notPorts.IsDefaultOrEmpty || !notPorts.Any(p => Matches(p, e)));

            var set = Admits(null) ? PodSet.All(n) : new PodSet(n);
            foreach (var name in ports.Concat(notPorts).Select(p => p.Name).OfType<string>().Distinct(StringComparer.Ordinal))
            {
                foreach (var i in PodsDeclaring(name))
                {
                    if (Admits(Endpoints[i]))
                    {
                        set.Add(i);
                    }
                    else
                    {
                        set.Remove(i);
                    }
                }
            }

            return set;
        });
    }

    private readonly Lazy<ILookup<string, int>> _portNames;

    /// <summary>
    /// Per network set net (one object per net of a compiled set index, shared by every rule that picks it), the pods
    /// whose IP lies in it. Weak keys: derived models share this table, and a net goes with the set index that made it.
    /// </summary>
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<CalicoSetNet, PodSet> _inNet;

    /// <summary>The pods whose IP lies in <paramref name="net"/>, computed once per net object.</summary>
    public PodSet PodsIn(CalicoSetNet net) => _inNet.GetValue(net, n =>
    {
        var set = new PodSet(Endpoints.Length);
        for (var i = 0; i < Endpoints.Length; i++)
        {
            if (Endpoints[i].Address is not null && n.Net.Contains(Endpoints[i].AddressValue.Value, Endpoints[i].AddressValue.Length))
            {
                set.Add(i);
            }
        }

        return set;
    });

    /// <summary>Pods with a container that declares a port named <paramref name="name"/>.</summary>
    private IEnumerable<int> PodsDeclaring(string name) => _portNames.Value[name];

    public CalicoPolicyBits Of(CalicoCompiledPolicy policy) => _policies.GetOrAdd(policy, p => new CalicoPolicyBits(p, this));

    /// <summary>The index for a derived model over the same pods: policies it still holds keep their bitsets.</summary>
    public CalicoBitIndex Keep(IEnumerable<CalicoCompiledPolicy> policies)
    {
        var keep = new HashSet<CalicoCompiledPolicy>(policies, ReferenceEqualityComparer.Instance);
        return new CalicoBitIndex(this, _policies.Where(kv => keep.Contains(kv.Key)));
    }
}
