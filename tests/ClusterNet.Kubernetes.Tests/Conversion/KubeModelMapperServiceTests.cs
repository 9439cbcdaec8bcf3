using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Conversion;
using k8s.Models;

namespace ClusterNet.Kubernetes.Tests.Conversion;

public sealed class KubeModelMapperServiceTests
{
    [Fact]
    public void ToModel_LoadBalancerService_MapsPortsPoliciesAndIngress()
    {
        var service = KubeModelMapper.ToModel(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "ingress-nginx-controller", NamespaceProperty = "ingress-nginx", Annotations = new Dictionary<string, string> { ["a"] = "b" } },
            Spec = new V1ServiceSpec
            {
                Type = "LoadBalancer", ClusterIP = "10.96.1.1", ClusterIPs = ["10.96.1.1"],
                Ports =
                [
                    new V1ServicePort { Name = "http", Port = 80, TargetPort = (IntOrString)"http", NodePort = 31080, AppProtocol = "http" },
                    new V1ServicePort { Name = "https", Port = 443, Protocol = "TCP", TargetPort = (IntOrString)"8443", NodePort = 31443 },
                    new V1ServicePort { Name = "plain", Port = 8080 },
                ],
                Selector = new Dictionary<string, string> { ["app"] = "ingress" },
                ExternalTrafficPolicy = "Local", HealthCheckNodePort = 32000, LoadBalancerSourceRanges = ["0.0.0.0/0"],
            },
            Status = new V1ServiceStatus { LoadBalancer = new V1LoadBalancerStatus { Ingress = [new V1LoadBalancerIngress { Ip = "203.0.113.10" }] } },
        });

        Assert.Equal("LoadBalancer", service.Type);
        Assert.Equal("10.96.1.1", service.ClusterIp);
        Assert.Equal(
            [new ServicePortInfo("http", 80, "TCP", "http", 31080, "http"), new ServicePortInfo("https", 443, "TCP", "8443", 31443), new ServicePortInfo("plain", 8080)],
            service.Ports.ToArray());
        Assert.Equal("ingress", service.Selector!["app"]);
        Assert.Equal("Local", service.ExternalTrafficPolicy);
        Assert.Equal(32000, service.HealthCheckNodePort);
        Assert.Equal([new LoadBalancerIngressInfo("203.0.113.10", null)], service.LoadBalancerIngress.ToArray());
        Assert.Equal(["0.0.0.0/0"], service.LoadBalancerSourceRanges.ToArray());
    }

    [Fact]
    public void ToModel_ServiceWithoutSelectorOrType_DefaultsClusterIpAndNullSelector()
    {
        var service = KubeModelMapper.ToModel(new V1Service { Metadata = new V1ObjectMeta { Name = "s", NamespaceProperty = "n" }, Spec = new V1ServiceSpec { ClusterIP = "None", Selector = new Dictionary<string, string>() } });
        Assert.Equal("ClusterIP", service.Type);
        Assert.Null(service.Selector);
        Assert.Equal(["None"], service.ClusterIps.ToArray());
        Assert.Null(service.ExternalTrafficPolicy);
    }

    [Theory]
    [InlineData("web_port")]
    [InlineData("99999")]
    [InlineData("Http")]
    public void ToModel_TargetPortNeitherNumberNorName_ReportsAndKeepsValue(string target)
    {
        var diagnostics = new List<SourceDiagnostic>();
        var service = KubeModelMapper.ToModel(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "s", NamespaceProperty = "n" },
            Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80, TargetPort = (IntOrString)target }] },
        }, diagnostics);

        Assert.Equal(target, service.Ports[0].TargetPort);
        var d = Assert.Single(diagnostics);
        Assert.Equal("spec.ports[0].targetPort", d.Field);
        Assert.Equal("Service n/s", d.Object);
    }

    [Fact]
    public void ToModel_EndpointSlice_TakesServiceFromLabelAndNodeFromTopologyFallback()
    {
        var set = KubeModelMapper.ToModel(new V1EndpointSlice
        {
            Metadata = new V1ObjectMeta { Name = "kube-dns-x1", NamespaceProperty = "kube-system", Labels = new Dictionary<string, string> { [KubeModelMapper.ServiceNameLabel] = "kube-dns" } },
            AddressType = "IPv4",
            Endpoints =
            [
                new V1Endpoint { Addresses = ["10.244.0.2"], NodeName = "master", Conditions = new V1EndpointConditions { Ready = true }, TargetRef = new V1ObjectReference { Kind = "Pod", NamespaceProperty = "kube-system", Name = "coredns-a" } },
                new V1Endpoint { Addresses = ["10.244.1.3"], DeprecatedTopology = new Dictionary<string, string> { ["kubernetes.io/hostname"] = "node01" }, Conditions = new V1EndpointConditions { Ready = false } },
                new V1Endpoint { Addresses = ["10.244.2.3"] },
            ],
            Ports = [new Discoveryv1EndpointPort { Name = "dns", Port = 53, Protocol = "UDP" }, new Discoveryv1EndpointPort { Name = "dns-tcp", Port = 53 }],
        });

        Assert.Equal("kube-dns", set.ServiceName);
        Assert.Equal("EndpointSlice", set.SourceKind);
        Assert.Equal(
            [
                new EndpointAddressInfo("10.244.0.2", "master", true, "Pod", "kube-system", "coredns-a"),
                new EndpointAddressInfo("10.244.1.3", "node01", false),
                new EndpointAddressInfo("10.244.2.3", null, true),
            ],
            set.Addresses.ToArray());
        Assert.Equal([new EndpointPortInfo("dns", 53, "UDP"), new EndpointPortInfo("dns-tcp", 53)], set.Ports.ToArray());
    }

    [Fact]
    public void ToModel_EndpointSliceWithoutServiceLabel_ReportsWarning()
    {
        var diagnostics = new List<SourceDiagnostic>();
        var set = KubeModelMapper.ToModel(new V1EndpointSlice { Metadata = new V1ObjectMeta { Name = "x", NamespaceProperty = "n" }, AddressType = "IPv4" }, diagnostics);
        Assert.Equal("", set.ServiceName);
        Assert.Contains("kubernetes.io/service-name", Assert.Single(diagnostics).Message);
    }

    [Fact]
    public void ToModel_Endpoints_FlattensSubsetsWithReadiness()
    {
        var set = KubeModelMapper.ToModel(new V1Endpoints
        {
            Metadata = new V1ObjectMeta { Name = "myapp", NamespaceProperty = "dev" },
            Subsets =
            [
                new V1EndpointSubset
                {
                    Addresses = [new V1EndpointAddress { Ip = "10.244.1.2", NodeName = "node01", TargetRef = new V1ObjectReference { Kind = "Pod", Name = "pod1", NamespaceProperty = "dev" } }],
                    NotReadyAddresses = [new V1EndpointAddress { Ip = "10.244.2.5" }],
                    Ports = [new Corev1EndpointPort { Name = "http", Port = 80 }],
                },
            ],
        });

        Assert.Equal("myapp", set.ServiceName);
        Assert.Equal("Endpoints", set.SourceKind);
        Assert.Equal([new EndpointAddressInfo("10.244.1.2", "node01", true, "Pod", "dev", "pod1"), new EndpointAddressInfo("10.244.2.5", null, false)], set.Addresses.ToArray());
        Assert.Equal([new EndpointPortInfo("http", 80)], set.Ports.ToArray());
    }
}
