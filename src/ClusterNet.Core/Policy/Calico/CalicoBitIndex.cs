using System.Collections.Concurrent;

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

    public CalicoPolicyBits Of(CalicoCompiledPolicy policy) => _policies.GetOrAdd(policy, p => new CalicoPolicyBits(p, this));

    /// <summary>The index for a derived model over the same pods: policies it still holds keep their bitsets.</summary>
    public CalicoBitIndex Keep(IEnumerable<CalicoCompiledPolicy> policies)
    {
        var keep = new HashSet<CalicoCompiledPolicy>(policies, ReferenceEqualityComparer.Instance);
        return new CalicoBitIndex(Index, Endpoints, _policies.Where(kv => keep.Contains(kv.Key)));
    }
}
