using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.ClientIp;

/// <summary>
/// The controller serving an Ingress, as far as the snapshot shows it. For ingress-nginx: its workload, pods, the Service in front of it and its ConfigMap settings.
/// </summary>
internal sealed record IngressControllerInfo
{
    public required IngressControllerKind Kind { get; init; }
    public string? ClassName { get; init; }
    public string? ControllerName { get; init; }
    public WorkloadInfo? Workload { get; init; }
    /// <summary>Contour: the contour Deployment (its args), when <see cref="Workload"/> is the Envoy data plane.</summary>
    public WorkloadInfo? ControlPlane { get; init; }
    public ImmutableArray<PodInfo> Pods { get; init; } = [];
    public bool HostNetwork { get; init; }
    public ServiceInfo? Service { get; init; }
    public IngressNginxSettings? Settings { get; init; }
    /// <summary>The ConfigMap the controller reads ("ns/name"), found or expected; fixes patch it.</summary>
    public string? ConfigMapKey { get; init; }
    public ImmutableArray<string> Evidence { get; init; } = [];

    public string Describe() => Kind switch
    {
        IngressControllerKind.IngressNginx => Workload is null ? "ingress-nginx (controller not in the snapshot)" : $"ingress-nginx {Workload.Kind} {Workload.Namespace}/{Workload.Name}",
        IngressControllerKind.AwsAlb => "AWS Load Balancer Controller (ALB)",
        IngressControllerKind.Gce => "GKE Ingress (Google Cloud external Application Load Balancer)",
        IngressControllerKind.Other => $"controller {ControllerName ?? ClassName}",
        IngressControllerKind.Traefik or IngressControllerKind.HaproxyIngress or IngressControllerKind.HaproxyTech or IngressControllerKind.Contour =>
            Workload is null ? $"{Controllers.ProxyControllers.Product(Kind)} (controller not in the snapshot)" : $"{Controllers.ProxyControllers.Product(Kind)} {Workload.Kind} {Workload.Namespace}/{Workload.Name}",
        _ => "unknown controller",
    };
}
