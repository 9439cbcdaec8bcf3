using ClusterNet.Core.Facts;
using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;

namespace ClusterNet.Core.ClientIp;

/// <summary>
/// Finds the controller of an Ingress: its class (spec.ingressClassName / kubernetes.io/ingress.class, else the
/// default IngressClass), the class's controller name, and for ingress-nginx the controller workload (image
/// ingress-nginx/controller or label app.kubernetes.io/name=ingress-nginx; --ingress-class/--controller-class args
/// pick one of several), its pods, the Service whose selector matches it (LoadBalancer before NodePort before
/// ClusterIP; admission and metrics Services skipped) and its ConfigMap (--configmap arg, else
/// ingress-nginx-controller or nginx-configuration in the controller's namespace).
/// </summary>
internal static class IngressControllerDetector
{
    public const string NginxController = "k8s.io/ingress-nginx";

    public static IngressControllerInfo ForIngress(ClusterSnapshot snapshot, IngressInfo ingress)
    {
        var evidence = new List<string>();
        var className = ingress.IngressClassName;
        if (className is null)
        {
            var def = snapshot.IngressClasses.FirstOrDefault(c => c.IsDefault);
            if (def is not null)
            {
                className = def.Name;
                evidence.Add($"no ingressClassName: the default IngressClass {def.Name} applies");
            }
        }
        else
        {
            evidence.Add($"ingress class {className}");
        }

        var ingressClass = className is null ? null : snapshot.IngressClasses.Get(ObjectKey.Cluster(className));
        var controllerName = ingressClass?.Controller;
        IngressControllerKind kind;
        if (controllerName is not null)
        {
            evidence.Add($"IngressClass {className} controller {controllerName}");
            kind = controllerName switch
            {
                NginxController => IngressControllerKind.IngressNginx,
                "ingress.k8s.aws/alb" => IngressControllerKind.AwsAlb,
                "k8s.io/ingress-gce" or "networking.gke.io/ingress-gce" => IngressControllerKind.Gce,
                _ => Controllers.ProxyControllers.KindOfControllerName(controllerName) ?? IngressControllerKind.Other,
            };
        }
        else
        {
            kind = className switch
            {
                "nginx" => IngressControllerKind.IngressNginx,
                "alb" => IngressControllerKind.AwsAlb,
                "gce" or "gce-internal" => IngressControllerKind.Gce,
                null => IngressControllerKind.Unknown,
                _ => Controllers.ProxyControllers.KindOfClassName(snapshot, className) ?? IngressControllerKind.Other,
            };
            if (className is not null)
            {
                evidence.Add($"no IngressClass object {className} in the snapshot: class name taken as {IngressControllerKinds.Word(kind)}");
            }
        }

        var nginxWorkloads = ClusterFacts.Of(snapshot).IngressControllers.Where(c => c.Kind == IngressControllerKind.IngressNginx).Select(c => c.Workload).ToList();
        if (kind == IngressControllerKind.Unknown && nginxWorkloads.Count > 0)
        {
            kind = IngressControllerKind.IngressNginx;
            evidence.Add("no ingress class and no default IngressClass; an ingress-nginx controller is in the snapshot, assumed to serve it");
        }

        if (kind == IngressControllerKind.Unknown && Controllers.ProxyControllers.OnlyKindInSnapshot(snapshot) is { } only)
        {
            kind = only;
            evidence.Add($"no ingress class and no default IngressClass; the only controller in the snapshot is {Controllers.ProxyControllers.Product(only)}, assumed to serve it");
        }

        if (Controllers.ProxyControllers.IsProxyKind(kind))
        {
            return Controllers.ProxyControllerDetector.Describe(snapshot, kind, className, controllerName, evidence);
        }

        if (kind != IngressControllerKind.IngressNginx)
        {
            return new IngressControllerInfo { Kind = kind, ClassName = className, ControllerName = controllerName, Evidence = [.. evidence] };
        }

        var workload = PickWorkload(nginxWorkloads, className, controllerName, evidence);
        if (workload is null)
        {
            evidence.Add("no ingress-nginx controller workload in the snapshot");
            return new IngressControllerInfo
            {
                Kind = kind,
                ClassName = className,
                ControllerName = controllerName,
                Settings = IngressNginxSettings.Defaults("controller not in the snapshot: ingress-nginx defaults assumed"),
                Evidence = [.. evidence],
            };
        }

        return Describe(snapshot, workload, className, controllerName, evidence);
    }

    /// <summary>The ingress-nginx controller whose pods a Service selects, if any (to analyse a controller Service directly).</summary>
    public static IngressControllerInfo? ForControllerService(ClusterSnapshot snapshot, ServiceInfo service)
    {
        var controllers = ClusterFacts.Of(snapshot).IngressControllers;
        var workload = snapshot.WorkloadsSelectedBy(service)
            .FirstOrDefault(w => controllers.Any(c => c.Kind == IngressControllerKind.IngressNginx && c.Workload.Kind == w.Kind && c.Workload.Namespace == w.Namespace && c.Workload.Name == w.Name));
        return workload is null ? null : Describe(snapshot, workload, null, null, [$"Service {service.Namespace}/{service.Name} selects the pods of ingress-nginx {workload.Kind} {workload.Name}"]);
    }

    /// <summary>
    /// The ingress controller a workload runs, or null: ingress-nginx first (its label marks it even under a mirrored
    /// image), then the reverse-proxy controllers by image. <see cref="ClusterFacts.IngressControllers"/> is built from this.
    /// </summary>
    internal static IngressControllerKind? KindOfWorkload(WorkloadInfo w) =>
        IsIngressNginx(w) ? IngressControllerKind.IngressNginx : Controllers.ProxyControllers.KindOfWorkload(w);

    private static bool IsIngressNginx(WorkloadInfo w) =>
        w.Containers.Any(c => !c.IsInit && (c.Image.Contains("ingress-nginx/controller", StringComparison.Ordinal) || c.Image.Contains("nginx-ingress-controller", StringComparison.Ordinal)))
        || (w.Labels.TryGetValue("app.kubernetes.io/name", out var n) && n == "ingress-nginx"
            && (!w.Labels.TryGetValue("app.kubernetes.io/component", out var comp) || comp == "controller"));

    private static WorkloadInfo? PickWorkload(List<WorkloadInfo> candidates, string? className, string? controllerName, List<string> evidence)
    {
        if (candidates.Count <= 1)
        {
            return candidates.FirstOrDefault();
        }

        var byArgs = candidates.FirstOrDefault(w => Args(w).Any(a =>
            (className is not null && a == $"--ingress-class={className}") || (controllerName is not null && a == $"--controller-class={controllerName}")));
        if (byArgs is not null)
        {
            evidence.Add($"{candidates.Count} ingress-nginx controllers; {byArgs.Namespace}/{byArgs.Name} has the matching --ingress-class/--controller-class");
            return byArgs;
        }

        evidence.Add($"{candidates.Count} ingress-nginx controllers and none names class {className} in its args: using {candidates[0].Namespace}/{candidates[0].Name}");
        return candidates[0];
    }

    private static IngressControllerInfo Describe(ClusterSnapshot snapshot, WorkloadInfo workload, string? className, string? controllerName, List<string> evidence)
    {
        evidence.Add($"controller {workload.Kind} {workload.Namespace}/{workload.Name}");
        var selector = CompiledSelector.Compile(workload.Selector);
        var pods = snapshot.Pods.Where(p => p.Namespace == workload.Namespace && !workload.Selector.IsEmpty && selector.Matches(p.Labels)).ToList();
        var hostNetwork = workload.HostNetwork || pods.Any(p => p.HostNetwork);
        if (hostNetwork)
        {
            evidence.Add("controller pods use hostNetwork");
        }

        var service = snapshot.Services
            .Where(s => s.Namespace == workload.Namespace && s.Selects(workload.TemplateLabels)
                && !s.Name.Contains("admission", StringComparison.Ordinal) && !s.Name.Contains("metrics", StringComparison.Ordinal))
            .OrderBy(s => s.Type switch { "LoadBalancer" => 0, "NodePort" => 1, _ => 2 })
            .ThenBy(s => s.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        if (service is not null)
        {
            evidence.Add($"controller Service {service.Namespace}/{service.Name} ({service.Type})");
        }

        // Manifests usually write --configmap=$(POD_NAMESPACE)/name; the kubelet expands it from the downward API.
        var configMapRef = Args(workload).Select(a => a.StartsWith("--configmap=", StringComparison.Ordinal) ? a["--configmap=".Length..] : null).FirstOrDefault(a => a is not null)
            ?.Replace("$(POD_NAMESPACE)", workload.Namespace, StringComparison.Ordinal);
        ConfigMapInfo? configMap = null;
        string looked;
        string expected;
        if (configMapRef is not null)
        {
            var key = ObjectKey.Parse(configMapRef.Contains('/') ? configMapRef : $"{workload.Namespace}/{configMapRef}");
            configMap = snapshot.ConfigMaps.Get(key);
            looked = key.ToString();
            expected = looked;
            evidence.Add($"controller arg --configmap={configMapRef}");
        }
        else
        {
            configMap = snapshot.ConfigMaps.Get(workload.Namespace, "ingress-nginx-controller") ?? snapshot.ConfigMaps.Get(workload.Namespace, "nginx-configuration");
            looked = $"{workload.Namespace}/ingress-nginx-controller or {workload.Namespace}/nginx-configuration";
            expected = configMap is null ? $"{workload.Namespace}/ingress-nginx-controller" : $"{configMap.Namespace}/{configMap.Name}";
        }

        var settings = configMap is not null
            ? IngressNginxSettings.From(configMap)
            : IngressNginxSettings.Defaults($"no ConfigMap {looked} in the snapshot: ingress-nginx defaults assumed");
        return new IngressControllerInfo
        {
            Kind = IngressControllerKind.IngressNginx,
            ClassName = className,
            ControllerName = controllerName ?? NginxController,
            Workload = workload,
            Pods = [.. pods],
            HostNetwork = hostNetwork,
            Service = service,
            Settings = settings,
            ConfigMapKey = expected,
            Evidence = [.. evidence],
        };
    }

    private static IEnumerable<string> Args(WorkloadInfo w) => w.Containers.Where(c => !c.IsInit).SelectMany(c => c.Command);
}
