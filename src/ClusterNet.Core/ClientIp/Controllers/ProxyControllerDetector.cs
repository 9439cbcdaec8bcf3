using ClusterNet.Core.Facts;
using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;

namespace ClusterNet.Core.ClientIp.Controllers;

/// <summary>
/// Finds a reverse-proxy controller's workload (by image; several: the one whose args name the class), its pods, the
/// Service in front of it (LoadBalancer before NodePort before ClusterIP, admission/metrics/dashboard Services
/// skipped) and the ConfigMap it reads. For Contour the proxy is Envoy: the workload running envoyproxy/envoy in
/// Contour's namespace, with the contour Deployment kept as <see cref="IngressControllerInfo.ControlPlane"/>.
/// </summary>
internal static class ProxyControllerDetector
{
    public static IngressControllerInfo Describe(ClusterSnapshot snapshot, IngressControllerKind kind, string? className, string? controllerName, List<string> evidence)
    {
        var product = ProxyControllers.Product(kind);
        var candidates = ClusterFacts.Of(snapshot).IngressControllers.Where(c => c.Kind == kind).Select(c => c.Workload).OrderBy(w => w.Namespace, StringComparer.Ordinal).ThenBy(w => w.Name, StringComparer.Ordinal).ToList();
        var workload = Pick(candidates, className, evidence, product);
        if (workload is null)
        {
            evidence.Add($"no {product} workload in the snapshot");
            return new IngressControllerInfo { Kind = kind, ClassName = className, ControllerName = controllerName ?? ProxyControllers.ControllerName(kind), Evidence = [.. evidence], ConfigMapKey = DefaultConfigMap(kind, "ingress") };
        }

        evidence.Add($"{product} {workload.Kind} {workload.Namespace}/{workload.Name} (image {workload.Containers.FirstOrDefault(c => !c.IsInit)?.Image})");
        WorkloadInfo? controlPlane = null;
        var proxy = workload;
        if (kind == IngressControllerKind.Contour)
        {
            controlPlane = workload;
            proxy = snapshot.Workloads.Where(w => w.Namespace == workload.Namespace && w.Containers.Any(c => !c.IsInit && c.Image.Contains("envoyproxy/envoy", StringComparison.Ordinal)))
                .OrderBy(w => w.Name, StringComparer.Ordinal).FirstOrDefault();
            evidence.Add(proxy is null ? $"no Envoy workload (image envoyproxy/envoy) in namespace {workload.Namespace}" : $"Envoy data plane {proxy.Kind} {proxy.Namespace}/{proxy.Name}");
        }

        var configMapKey = ConfigMapKey(kind, controlPlane ?? workload, evidence);
        if (proxy is null)
        {
            return new IngressControllerInfo { Kind = kind, ClassName = className, ControllerName = controllerName ?? ProxyControllers.ControllerName(kind), ControlPlane = controlPlane, ConfigMapKey = configMapKey, Evidence = [.. evidence] };
        }

        var selector = CompiledSelector.Compile(proxy.Selector);
        var pods = snapshot.Pods.Where(p => p.Namespace == proxy.Namespace && !proxy.Selector.IsEmpty && selector.Matches(p.Labels)).ToList();
        var hostNetwork = proxy.HostNetwork || pods.Any(p => p.HostNetwork);
        if (hostNetwork)
        {
            evidence.Add($"{product} pods use hostNetwork");
        }

        var service = snapshot.Services
            .Where(s => s.Namespace == proxy.Namespace && s.Selects(proxy.TemplateLabels)
                && !s.Name.Contains("admission", StringComparison.Ordinal) && !s.Name.Contains("metrics", StringComparison.Ordinal) && !s.Name.Contains("dashboard", StringComparison.Ordinal))
            .OrderBy(s => s.Type switch { "LoadBalancer" => 0, "NodePort" => 1, _ => 2 })
            .ThenBy(s => s.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        if (service is not null)
        {
            evidence.Add($"{product} Service {service.Namespace}/{service.Name} ({service.Type})");
        }

        return new IngressControllerInfo
        {
            Kind = kind,
            ClassName = className,
            ControllerName = controllerName ?? ProxyControllers.ControllerName(kind),
            Workload = proxy,
            ControlPlane = controlPlane,
            Pods = [.. pods],
            HostNetwork = hostNetwork,
            Service = service,
            ConfigMapKey = configMapKey,
            Evidence = [.. evidence],
        };
    }

    private static WorkloadInfo? Pick(List<WorkloadInfo> candidates, string? className, List<string> evidence, string product)
    {
        if (candidates.Count <= 1)
        {
            return candidates.FirstOrDefault();
        }

        var byArgs = className is null ? null : candidates.FirstOrDefault(w => Args(w).Any(a => a.EndsWith("=" + className, StringComparison.Ordinal) && a.Contains("class", StringComparison.OrdinalIgnoreCase)));
        if (byArgs is not null)
        {
            evidence.Add($"{candidates.Count} {product} workloads; {byArgs.Namespace}/{byArgs.Name} names class {className} in its args");
            return byArgs;
        }

        evidence.Add($"{candidates.Count} {product} workloads and none names class {className} in its args: using {candidates[0].Namespace}/{candidates[0].Name}");
        return candidates[0];
    }

    private static string ConfigMapKey(IngressControllerKind kind, WorkloadInfo workload, List<string> evidence)
    {
        if (kind is IngressControllerKind.HaproxyIngress or IngressControllerKind.HaproxyTech)
        {
            var arg = Args(workload).Select(a => a.StartsWith("--configmap=", StringComparison.Ordinal) ? a["--configmap=".Length..] : null).FirstOrDefault(a => a is not null)
                ?.Replace("$(POD_NAMESPACE)", workload.Namespace, StringComparison.Ordinal);
            if (arg is not null)
            {
                evidence.Add($"controller arg --configmap={arg}");
                return arg.Contains('/', StringComparison.Ordinal) ? arg : $"{workload.Namespace}/{arg}";
            }
        }

        return $"{workload.Namespace}/{DefaultConfigMap(kind, workload.Namespace).Split('/')[1]}";
    }

    private static string DefaultConfigMap(IngressControllerKind kind, string ns) => kind switch
    {
        IngressControllerKind.HaproxyIngress => $"{ns}/haproxy-ingress",
        IngressControllerKind.HaproxyTech => $"{ns}/haproxy-kubernetes-ingress",
        IngressControllerKind.Contour => $"{ns}/contour",
        _ => $"{ns}/traefik",
    };

    internal static IEnumerable<string> Args(WorkloadInfo w) => w.Containers.Where(c => !c.IsInit).SelectMany(c => c.Command);
}
