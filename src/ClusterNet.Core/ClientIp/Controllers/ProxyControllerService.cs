using ClusterNet.Core.Facts;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.ClientIp.Controllers;

/// <summary>
/// Whether a Service fronts a reverse-proxy Ingress controller's proxy pods: Traefik or either HAProxy controller
/// (their own image), or Contour's Envoy (an envoyproxy/envoy workload in the namespace of a Contour workload; the
/// contour Deployment itself serves xDS, not client traffic, so its Service does not count).
/// </summary>
internal static class ProxyControllerService
{
    public sealed record Match(IngressControllerKind Kind, WorkloadInfo Workload, string Evidence);

    public static Match? For(ClusterSnapshot snapshot, ServiceInfo service)
    {
        foreach (var w in snapshot.WorkloadsSelectedBy(service))
        {
            if (ProxyControllers.KindOfWorkload(w) is { } kind && kind != IngressControllerKind.Contour)
            {
                return new Match(kind, w, $"Service {service.Namespace}/{service.Name} selects the pods of {ProxyControllers.Product(kind)} {w.Kind} {w.Name}");
            }

            if (RunsEnvoy(w) && ClusterFacts.Of(snapshot).IngressControllers.FirstOrDefault(c => c.Kind == IngressControllerKind.Contour && c.Workload.Namespace == w.Namespace)?.Workload is { } contour)
            {
                return new Match(IngressControllerKind.Contour, w,
                    $"Service {service.Namespace}/{service.Name} selects the pods of Envoy {w.Kind} {w.Name}, Contour's data plane (Contour {contour.Kind} {contour.Name} in the same namespace)");
            }
        }

        return null;
    }

    private static bool RunsEnvoy(WorkloadInfo w) =>
        w.Containers.Any(c => !c.IsInit && c.Image.Contains("envoyproxy/envoy", StringComparison.Ordinal));
}
