using ClusterNet.Core.Model;
using k8s.Models;

namespace ClusterNet.Kubernetes.Conversion;

public static partial class KubeModelMapper
{
    public static WorkloadInfo ToModel(V1DaemonSet daemonSet, ICollection<SourceDiagnostic>? diagnostics = null)
    {
        ArgumentNullException.ThrowIfNull(daemonSet);
        var status = daemonSet.Status;
        return Workload("DaemonSet", daemonSet.Metadata, daemonSet.Spec?.Selector, daemonSet.Spec?.Template, status is null ? null : status.DesiredNumberScheduled, status?.NumberReady ?? 0, diagnostics);
    }

    /// <summary>Replicas default to 1 as the API server defaults them.</summary>
    public static WorkloadInfo ToModel(V1Deployment deployment, ICollection<SourceDiagnostic>? diagnostics = null)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        return Workload("Deployment", deployment.Metadata, deployment.Spec?.Selector, deployment.Spec?.Template, deployment.Spec?.Replicas ?? 1, deployment.Status?.ReadyReplicas ?? 0, diagnostics);
    }

    public static WorkloadInfo ToModel(V1StatefulSet statefulSet, ICollection<SourceDiagnostic>? diagnostics = null)
    {
        ArgumentNullException.ThrowIfNull(statefulSet);
        return Workload("StatefulSet", statefulSet.Metadata, statefulSet.Spec?.Selector, statefulSet.Spec?.Template, statefulSet.Spec?.Replicas ?? 1, statefulSet.Status?.ReadyReplicas ?? 0, diagnostics);
    }

    private static WorkloadInfo Workload(string kind, V1ObjectMeta? meta, V1LabelSelector? selector, V1PodTemplateSpec? template, int? desired, int ready, ICollection<SourceDiagnostic>? diagnostics)
    {
        var spec = template?.Spec;
        if (desired is < 0)
        {
            Report(diagnostics, Warning, kind, meta, "spec.replicas", $"replicas {desired} is negative");
        }

        return new WorkloadInfo
        {
            Kind = kind,
            Namespace = meta?.NamespaceProperty ?? "",
            Name = meta?.Name ?? "",
            Uid = meta?.Uid ?? "",
            Labels = Map(meta?.Labels),
            Annotations = MapAnnotations(meta?.Annotations),
            Selector = Selector(selector),
            TemplateLabels = Map(template?.Metadata?.Labels),
            Containers = Containers(spec, diagnostics, kind, meta, "spec.template.spec"),
            HostNetwork = spec?.HostNetwork ?? false,
            DnsPolicy = string.IsNullOrEmpty(spec?.DnsPolicy) ? "ClusterFirst" : spec.DnsPolicy,
            DnsConfig = DnsConfig(spec?.DnsConfig),
            DesiredReplicas = desired,
            ReadyReplicas = ready,
        };
    }

    /// <summary>Maps any ConfigMap; callers keep only <see cref="ResourceKind.AnalysedConfigMapNames"/> (see <see cref="IsAnalysedConfigMap"/>).</summary>
    public static ConfigMapInfo ToModel(V1ConfigMap configMap, ICollection<SourceDiagnostic>? diagnostics = null)
    {
        ArgumentNullException.ThrowIfNull(configMap);
        _ = diagnostics;
        return new ConfigMapInfo
        {
            Namespace = configMap.Metadata?.NamespaceProperty ?? "",
            Name = configMap.Metadata?.Name ?? "",
            Data = Map(configMap.Data),
            Labels = Map(configMap.Metadata?.Labels),
        };
    }

    /// <summary>True for ConfigMap names the analyzers read; everything else is not kept (it may hold application config).</summary>
    public static bool IsAnalysedConfigMap(string? name)
    {
        if (name is null)
        {
            return false;
        }

        foreach (var n in ResourceKind.AnalysedConfigMapNames)
        {
            if (n == name)
            {
                return true;
            }
        }

        return false;
    }
}
