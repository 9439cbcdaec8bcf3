using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.ClientIp;

/// <summary>
/// Labels a patch may select a workload's pods by and still match them after the next rollout: the workload's
/// selector (immutable for Deployments and StatefulSets) or else its template labels, minus labels that change per
/// release or per revision (app.kubernetes.io/version, helm.sh/chart, pod-template-hash, controller-revision-hash,
/// pod-template-generation, per-pod names and indexes).
/// </summary>
internal static class StablePodLabels
{
    private static readonly ImmutableHashSet<string> Volatile = ImmutableHashSet.Create(StringComparer.Ordinal,
        "app.kubernetes.io/version", "helm.sh/chart", "chart", "version", "pod-template-hash", "controller-revision-hash",
        "pod-template-generation", "statefulset.kubernetes.io/pod-name", "apps.kubernetes.io/pod-index");

    public static bool IsVolatile(string key) => Volatile.Contains(key);

    public static ImmutableDictionary<string, string> Of(WorkloadInfo workload)
    {
        var fromSelector = workload.Selector.MatchLabels.Where(kv => !IsVolatile(kv.Key)).ToImmutableDictionary(StringComparer.Ordinal);
        return fromSelector.Count > 0
            ? fromSelector
            : workload.TemplateLabels.Where(kv => !IsVolatile(kv.Key)).ToImmutableDictionary(StringComparer.Ordinal);
    }
}
