using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Conversion;
using k8s.Models;

namespace ClusterNet.Kubernetes.Tests.Conversion;

public sealed class KubeModelMapperIngressTests
{
    private static V1Ingress Ingress(string? className, string? annotation) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "web", NamespaceProperty = "dev",
            Annotations = annotation is null ? null : new Dictionary<string, string> { [KubeModelMapper.IngressClassAnnotation] = annotation },
        },
        Spec = new V1IngressSpec
        {
            IngressClassName = className,
            Rules =
            [
                new V1IngressRule
                {
                    Host = "myapp.example.com",
                    Http = new V1HTTPIngressRuleValue
                    {
                        Paths =
                        [
                            new V1HTTPIngressPath { Path = "/", PathType = "Prefix", Backend = new V1IngressBackend { Service = new V1IngressServiceBackend { Name = "myapp", Port = new V1ServiceBackendPort { Number = 80 } } } },
                            new V1HTTPIngressPath { Path = "/api", PathType = "Exact", Backend = new V1IngressBackend { Service = new V1IngressServiceBackend { Name = "api", Port = new V1ServiceBackendPort { Name = "http" } } } },
                        ],
                    },
                },
            ],
            DefaultBackend = new V1IngressBackend { Service = new V1IngressServiceBackend { Name = "default", Port = new V1ServiceBackendPort { Number = 8080 } } },
            Tls = [new V1IngressTLS { Hosts = ["myapp.example.com"], SecretName = "tls" }],
        },
        Status = new V1IngressStatus { LoadBalancer = new V1IngressLoadBalancerStatus { Ingress = [new V1IngressLoadBalancerIngress { Ip = "203.0.113.10" }] } },
    };

    [Theory]
    [InlineData("nginx", null, "nginx")]
    [InlineData(null, "nginx-legacy", "nginx-legacy")]
    [InlineData("spec-wins", "annotation", "spec-wins")]
    [InlineData(null, null, null)]
    public void ToModel_IngressClass_FromSpecElseAnnotation(string? className, string? annotation, string? expected) =>
        Assert.Equal(expected, KubeModelMapper.ToModel(Ingress(className, annotation)).IngressClassName);

    [Fact]
    public void ToModel_Ingress_MapsRulesBackendsTlsAndStatus()
    {
        var diagnostics = new List<SourceDiagnostic>();
        var ingress = KubeModelMapper.ToModel(Ingress("nginx", null), diagnostics);

        Assert.Empty(diagnostics);
        var rule = Assert.Single(ingress.Rules);
        Assert.Equal("myapp.example.com", rule.Host);
        Assert.Equal([new IngressPathInfo("/", "Prefix", "myapp", "80"), new IngressPathInfo("/api", "Exact", "api", "http")], rule.Paths.ToArray());
        Assert.Equal(new IngressPathInfo(null, null, "default", "8080"), ingress.DefaultBackend);
        Assert.Equal(["myapp.example.com"], ingress.TlsHosts.ToArray());
        Assert.Equal([new LoadBalancerIngressInfo("203.0.113.10", null)], ingress.LoadBalancerIngress.ToArray());
    }

    [Fact]
    public void ToModel_BackendWithoutPort_ReportsField()
    {
        var v1 = Ingress("nginx", null);
        v1.Spec.Rules[0].Http.Paths[0].Backend.Service.Port = null;
        var diagnostics = new List<SourceDiagnostic>();
        KubeModelMapper.ToModel(v1, diagnostics);
        Assert.Equal("spec.rules[0].http.paths[0].backend.service.port", Assert.Single(diagnostics).Field);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData(null, false)]
    public void ToModel_IngressClass_ReadsDefaultAnnotation(string? value, bool expected)
    {
        var info = KubeModelMapper.ToModel(new V1IngressClass
        {
            Metadata = new V1ObjectMeta { Name = "nginx", Annotations = value is null ? null : new Dictionary<string, string> { [KubeModelMapper.DefaultIngressClassAnnotation] = value } },
            Spec = new V1IngressClassSpec { Controller = "k8s.io/ingress-nginx" },
        });
        Assert.Equal(new IngressClassInfo("nginx", "k8s.io/ingress-nginx", expected), info);
    }
}
