using ClusterNet.Core.ClientIp;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Tests.ClientIp.Controllers;

/// <summary>
/// Adds one reverse-proxy controller to a <see cref="TestCluster"/> the way its install manifests lay it out: the
/// workload (image, args), its IngressClass, a Service in front with the given policy and annotations, and its
/// settings (ConfigMap data, or args for Traefik and contour serve). Written from each project's documentation.
/// </summary>
public static class ProxyControllerCluster
{
    public static TestCluster Add(TestCluster cluster, IngressControllerKind kind, string? policy = "Local", (string, string)[]? serviceAnnotations = null,
        (string, string)[]? configMap = null, string[]? extraArgs = null, bool withClass = true)
    {
        var (ns, name, image, className, controller, cmName) = kind switch
        {
            IngressControllerKind.Traefik => ("traefik", "traefik", "docker.io/traefik:v3.1.2", "traefik", "traefik.io/ingress-controller", (string?)null),
            IngressControllerKind.HaproxyIngress => ("ingress-controller", "haproxy-ingress", "quay.io/jcmoraisjr/haproxy-ingress:v0.14.7", "haproxy", "haproxy-ingress.github.io/controller", "haproxy-ingress"),
            IngressControllerKind.HaproxyTech => ("haproxy-controller", "haproxy-kubernetes-ingress", "haproxytech/kubernetes-ingress:3.1.0", "haproxy", "haproxy.org/ingress-controller", "haproxy-kubernetes-ingress"),
            _ => ("projectcontour", "contour", "ghcr.io/projectcontour/contour:v1.30.0", "contour", "projectcontour.io/ingress-controller", "contour"),
        };
        var labels = LabelMap.Of(("app.kubernetes.io/name", name));
        string[] args = kind switch
        {
            IngressControllerKind.Traefik => ["traefik", "--entryPoints.web.address=:8000/tcp", "--entryPoints.websecure.address=:8443/tcp", "--providers.kubernetesingress"],
            IngressControllerKind.HaproxyIngress => ["/haproxy-ingress-controller", $"--configmap={ns}/{cmName}"],
            IngressControllerKind.HaproxyTech => ["/haproxy-ingress-controller", $"--configmap={ns}/{cmName}"],
            _ => ["contour", "serve", "--incluster", "--config-path=/config/contour.yaml"],
        };
        var workload = new WorkloadInfo
        {
            Kind = "Deployment",
            Namespace = ns,
            Name = name,
            Labels = labels,
            Selector = new LabelSelector { MatchLabels = labels },
            TemplateLabels = labels,
            Containers = [new ContainerInfo { Name = name, Image = image, Command = [.. args, .. extraArgs ?? []] }],
        };
        cluster.Add(workload);
        var proxyLabels = labels;
        if (kind == IngressControllerKind.Contour)
        {
            proxyLabels = LabelMap.Of(("app", "envoy"));
            cluster.Add(new WorkloadInfo
            {
                Kind = "DaemonSet",
                Namespace = ns,
                Name = "envoy",
                Labels = proxyLabels,
                Selector = new LabelSelector { MatchLabels = proxyLabels },
                TemplateLabels = proxyLabels,
                Containers = [new ContainerInfo { Name = "envoy", Image = "docker.io/envoyproxy/envoy:v1.31.0", Command = ["envoy", "-c", "/config/envoy.json"] }],
            });
        }

        if (withClass)
        {
            cluster.Add(new IngressClassInfo(className, controller, true));
        }

        cluster.Service(ns, kind == IngressControllerKind.Contour ? "envoy" : name, "LoadBalancer", policy, ["node-1", "node-2"], serviceAnnotations, selector: proxyLabels, healthCheckNodePort: policy == "Local" ? 32000 : null);
        if (configMap is not null && cmName is not null)
        {
            cluster.Add(new ConfigMapInfo { Namespace = ns, Name = cmName, Data = LabelMap.Of([.. configMap]) });
        }

        return cluster;
    }

    public static (string, string)[] ContourYaml(string network) =>
        [("contour.yaml", "# disablePermitInsecure: false\nnetwork:\n" + network + "\naccesslog-format: envoy\n")];
}
