using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Tests.ClientIp;

/// <summary>
/// A small cluster built in C#: three nodes (10.0.0.11-13, pod CIDRs 10.244.1-3.0/24), and helpers to add a
/// Service with endpoints on chosen nodes, an ingress-nginx controller with its Service and ConfigMap, and Ingresses.
/// </summary>
public sealed class TestCluster
{
    private readonly List<IClusterObject> _objects = [];

    public TestCluster(int nodes = 3)
    {
        for (var i = 1; i <= nodes; i++)
        {
            _objects.Add(new NodeInfo
            {
                Name = $"node-{i}",
                Ready = true,
                Addresses = [new NodeAddress("InternalIP", $"10.0.0.1{i}")],
                PodCidrs = [$"10.244.{i}.0/24"],
            });
        }
    }

    public ClusterSnapshot Snapshot => ClusterSnapshot.Create(new SourceInfo("demo", "test"), _objects);

    public TestCluster Add(IClusterObject o)
    {
        _objects.Add(o);
        return this;
    }

    /// <summary>A Service selecting app=name with one ready pod per listed node (pods name-0, name-1, ...).</summary>
    public ServiceInfo Service(string ns, string name, string type = "ClusterIP", string? policy = null, string[]? endpointNodes = null,
        IEnumerable<(string, string)>? annotations = null, string? lbClass = null, int? healthCheckNodePort = null, string? internalPolicy = null,
        ImmutableDictionary<string, string>? selector = null, string? externalName = null, bool hostNetwork = false)
    {
        var labels = selector ?? LabelMap.Of(("app", name));
        var svc = new ServiceInfo
        {
            Namespace = ns,
            Name = name,
            Type = type,
            ClusterIps = type == "ExternalName" ? [] : ["10.96.0.10"],
            Ports = [new ServicePortInfo("http", 80, NodePort: type is "NodePort" or "LoadBalancer" ? 30080 : null)],
            Selector = type == "ExternalName" ? null : labels,
            ExternalTrafficPolicy = policy,
            InternalTrafficPolicy = internalPolicy,
            HealthCheckNodePort = healthCheckNodePort,
            Annotations = LabelMap.Of([.. annotations ?? []]),
            LoadBalancerClass = lbClass,
            LoadBalancerIngress = type == "LoadBalancer" ? [new LoadBalancerIngressInfo("198.51.100.10", null)] : [],
            ExternalName = externalName,
        };
        _objects.Add(svc);
        var nodes = endpointNodes ?? [];
        var addresses = new List<EndpointAddressInfo>();
        for (var i = 0; i < nodes.Length; i++)
        {
            var podName = $"{name}-{i}";
            var nodeIndex = int.Parse(nodes[i].Split('-')[1], System.Globalization.CultureInfo.InvariantCulture);
            var ip = hostNetwork ? $"10.0.0.1{nodeIndex}" : $"10.244.{nodeIndex}.{10 + i}";
            _objects.Add(new PodInfo { Namespace = ns, Name = podName, NodeName = nodes[i], Labels = labels, PodIps = [ip], Ready = true, Phase = "Running", HostNetwork = hostNetwork });
            addresses.Add(new EndpointAddressInfo(ip, nodes[i], true, "Pod", ns, podName));
        }

        if (type != "ExternalName")
        {
            _objects.Add(new EndpointSetInfo { Namespace = ns, Name = name + "-abc", ServiceName = name, Addresses = [.. addresses], Ports = [new EndpointPortInfo("http", 80, "TCP")] });
        }

        return svc;
    }

    /// <summary>An ingress-nginx Deployment (or DaemonSet) in namespace ingress-nginx with its LoadBalancer Service and optional ConfigMap data.</summary>
    public TestCluster IngressNginx(string serviceType = "LoadBalancer", string? policy = null, IEnumerable<(string, string)>? serviceAnnotations = null,
        IEnumerable<(string, string)>? configMap = null, string[]? podNodes = null, bool hostNetwork = false, bool withService = true, bool withClass = true)
    {
        var labels = LabelMap.Of(("app.kubernetes.io/name", "ingress-nginx"), ("app.kubernetes.io/component", "controller"));
        _objects.Add(new WorkloadInfo
        {
            Kind = "Deployment",
            Namespace = "ingress-nginx",
            Name = "ingress-nginx-controller",
            Labels = labels,
            Selector = new LabelSelector { MatchLabels = labels },
            TemplateLabels = labels,
            HostNetwork = hostNetwork,
            Containers = [new ContainerInfo { Name = "controller", Image = "registry.k8s.io/ingress-nginx/controller:v1.11.2", Command = ["/nginx-ingress-controller", "--configmap=$(POD_NAMESPACE)/ingress-nginx-controller".Replace("$(POD_NAMESPACE)", "ingress-nginx", StringComparison.Ordinal), "--controller-class=k8s.io/ingress-nginx"] }],
        });
        if (withClass)
        {
            _objects.Add(new IngressClassInfo("nginx", "k8s.io/ingress-nginx", true));
        }

        if (withService)
        {
            Service("ingress-nginx", "ingress-nginx-controller", serviceType, policy, podNodes ?? ["node-1", "node-2"], serviceAnnotations, selector: labels, hostNetwork: hostNetwork, healthCheckNodePort: policy == "Local" ? 32000 : null);
        }
        else
        {
            foreach (var (node, i) in (podNodes ?? ["node-1"]).Select((n, i) => (n, i)))
            {
                _objects.Add(new PodInfo { Namespace = "ingress-nginx", Name = $"ingress-nginx-controller-{i}", NodeName = node, Labels = labels, HostNetwork = hostNetwork, PodIps = [$"10.0.0.1{node[^1]}"], Ready = true });
            }
        }

        if (configMap is not null)
        {
            _objects.Add(new ConfigMapInfo { Namespace = "ingress-nginx", Name = "ingress-nginx-controller", Data = LabelMap.Of([.. configMap]) });
        }

        return this;
    }

    public IngressInfo Ingress(string ns, string name, string backend, string? className = "nginx", IEnumerable<(string, string)>? annotations = null)
    {
        var ingress = new IngressInfo
        {
            Namespace = ns,
            Name = name,
            IngressClassName = className,
            Annotations = LabelMap.Of([.. annotations ?? []]),
            Rules = [new IngressRuleInfo("shop.example.com", [new IngressPathInfo("/", "Prefix", backend, "80")])],
        };
        _objects.Add(ingress);
        return ingress;
    }
}
