using ClusterNet.Core.Facts;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.ClientIp.Controllers;

/// <summary>
/// Names and images of the reverse-proxy Ingress controllers analysed like ingress-nginx: Traefik, HAProxy Ingress
/// (jcmoraisjr), the HAProxy Kubernetes Ingress Controller (haproxytech) and Contour (its Envoy does the proxying).
/// IngressClass controller names as each project documents them.
/// </summary>
internal static class ProxyControllers
{
    public const string TraefikController = "traefik.io/ingress-controller";
    public const string HaproxyIngressController = "haproxy-ingress.github.io/controller";
    public const string HaproxyTechController = "haproxy.org/ingress-controller";
    public const string ContourController = "projectcontour.io/ingress-controller";

    private static readonly IngressControllerKind[] Kinds = [IngressControllerKind.Traefik, IngressControllerKind.HaproxyIngress, IngressControllerKind.HaproxyTech, IngressControllerKind.Contour];

    public static bool IsProxyKind(IngressControllerKind kind) => Kinds.Contains(kind);

    public static string Product(IngressControllerKind kind) => kind switch
    {
        IngressControllerKind.Traefik => "Traefik",
        IngressControllerKind.HaproxyIngress => "HAProxy Ingress",
        IngressControllerKind.HaproxyTech => "HAProxy Kubernetes Ingress Controller",
        IngressControllerKind.Contour => "Contour (Envoy)",
        _ => IngressControllerKinds.Word(kind),
    };

    public static string ControllerName(IngressControllerKind kind) => kind switch
    {
        IngressControllerKind.Traefik => TraefikController,
        IngressControllerKind.HaproxyIngress => HaproxyIngressController,
        IngressControllerKind.HaproxyTech => HaproxyTechController,
        _ => ContourController,
    };

    public static IngressControllerKind? KindOfControllerName(string controllerName) => controllerName switch
    {
        TraefikController => IngressControllerKind.Traefik,
        HaproxyIngressController => IngressControllerKind.HaproxyIngress,
        HaproxyTechController => IngressControllerKind.HaproxyTech,
        ContourController => IngressControllerKind.Contour,
        _ => null,
    };

    /// <summary>A class name without an IngressClass object: "traefik", "contour", "haproxy" (whichever HAProxy controller runs).</summary>
    public static IngressControllerKind? KindOfClassName(ClusterSnapshot snapshot, string className) => className switch
    {
        "traefik" => IngressControllerKind.Traefik,
        "contour" => IngressControllerKind.Contour,
        "haproxy" => ClusterFacts.Of(snapshot).IngressControllers.Any(c => c.Kind == IngressControllerKind.HaproxyTech) ? IngressControllerKind.HaproxyTech : IngressControllerKind.HaproxyIngress,
        _ => null,
    };

    /// <summary>
    /// The reverse-proxy controller a workload runs, by its container images. Part of
    /// <see cref="IngressControllerDetector.KindOfWorkload"/>; snapshot-wide questions read <see cref="ClusterFacts.IngressControllers"/>.
    /// </summary>
    public static IngressControllerKind? KindOfWorkload(WorkloadInfo w)
    {
        foreach (var c in w.Containers.Where(c => !c.IsInit))
        {
            var image = c.Image;
            if (image.Contains("haproxytech/kubernetes-ingress", StringComparison.Ordinal))
            {
                return IngressControllerKind.HaproxyTech;
            }

            if (image.Contains("haproxy-ingress", StringComparison.Ordinal))
            {
                return IngressControllerKind.HaproxyIngress;
            }

            if (image.Contains("projectcontour/contour", StringComparison.Ordinal))
            {
                return IngressControllerKind.Contour;
            }

            if (ImageName(image) == "traefik")
            {
                return IngressControllerKind.Traefik;
            }
        }

        return null;
    }

    /// <summary>When no class applies: the single reverse-proxy controller kind running in the snapshot, if exactly one.</summary>
    public static IngressControllerKind? OnlyKindInSnapshot(ClusterSnapshot snapshot)
    {
        var kinds = ClusterFacts.Of(snapshot).IngressControllers.Select(c => c.Kind).Where(IsProxyKind).Distinct().ToList();
        return kinds.Count == 1 ? kinds[0] : null;
    }

    /// <summary>"docker.io/library/traefik:v3.1@sha256:…" → "traefik".</summary>
    internal static string ImageName(string image)
    {
        var noDigest = image.Split('@')[0];
        var last = noDigest[(noDigest.LastIndexOf('/') + 1)..];
        var colon = last.IndexOf(':');
        return colon < 0 ? last : last[..colon];
    }
}
