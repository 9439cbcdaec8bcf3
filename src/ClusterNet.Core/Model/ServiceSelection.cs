using System.Collections.Immutable;

namespace ClusterNet.Core.Model;

/// <summary>
/// Which pods and workloads a Service's selector picks: the one place that answers it (equality on every selector key,
/// same namespace; a Service without a selector picks nothing — its endpoints are managed by hand).
/// </summary>
public static class ServiceSelection
{
    public static bool Selects(this ServiceInfo service, IReadOnlyDictionary<string, string> labels) =>
        service.Selector is { Count: > 0 } selector
        && selector.All(kv => labels.TryGetValue(kv.Key, out var v) && v == kv.Value);

    public static ImmutableArray<PodInfo> PodsSelectedBy(this ClusterSnapshot snapshot, ServiceInfo service) =>
        service.Selector is { Count: > 0 }
            ? [.. snapshot.Pods.Where(p => p.Namespace == service.Namespace && service.Selects(p.Labels))]
            : [];

    /// <summary>Workloads whose pod template the selector picks (their pods may not exist yet).</summary>
    public static ImmutableArray<WorkloadInfo> WorkloadsSelectedBy(this ClusterSnapshot snapshot, ServiceInfo service) =>
        service.Selector is { Count: > 0 }
            ? [.. snapshot.Workloads.Where(w => w.Namespace == service.Namespace && service.Selects(w.TemplateLabels))]
            : [];
}
