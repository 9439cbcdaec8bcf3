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
        : this(index, [.. index.PodKeys.Select(k => evaluator.EndpointOf(k) ?? throw new InvalidOperationException($"no Calico endpoint for pod {k}"))], [])
    {
    }

    private CalicoBitIndex(PolicyIndex index, CalicoEndpoint[] endpoints, IEnumerable<KeyValuePair<CalicoCompiledPolicy, CalicoPolicyBits>> kept)
    {
        Index = index;
        Endpoints = endpoints;
        _policies = new ConcurrentDictionary<CalicoCompiledPolicy, CalicoPolicyBits>(kept, ReferenceEqualityComparer.Instance);
    }

    public PolicyIndex Index { get; }

    /// <summary>The workload endpoint of each pod, by pod index.</summary>
    public CalicoEndpoint[] Endpoints { get; }

    private readonly ConcurrentDictionary<(string Specs, ReachProbe Probe), PodSet> _portPods = new();

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
            bool Admits(CalicoEndpoint e) =>
                (ports.IsDefaultOrEmpty || ports.Any(p => p.Matches(probe, e))) && (notPorts.IsDefaultOrEmpty || !notPorts.Any(p => p.Matches(probe, e)));

            // Numbers and ranges do not depend on the pod; named ports do.
            if (ports.Concat(notPorts).All(p => p.Name is null))
            {
                return n > 0 && Admits(Endpoints[0]) ? PodSet.All(n) : new PodSet(n);
            }

            var set = new PodSet(n);
            for (var i = 0; i < n; i++)
            {
                if (Admits(Endpoints[i]))
                {
                    set.Add(i);
                }
            }

            return set;
        });
    }

    public CalicoPolicyBits Of(CalicoCompiledPolicy policy) => _policies.GetOrAdd(policy, p => new CalicoPolicyBits(p, this));

    /// <summary>The index for a derived model over the same pods: policies it still holds keep their bitsets.</summary>
    public CalicoBitIndex Keep(IEnumerable<CalicoCompiledPolicy> policies)
    {
        var keep = new HashSet<CalicoCompiledPolicy>(policies, ReferenceEqualityComparer.Instance);
        return new CalicoBitIndex(Index, Endpoints, _policies.Where(kv => keep.Contains(kv.Key)));
    }
}
