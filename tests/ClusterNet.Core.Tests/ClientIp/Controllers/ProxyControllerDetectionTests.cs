using ClusterNet.Core.ClientIp;
using ClusterNet.Core.ClientIp.Controllers;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Tests.ClientIp.Controllers;

/// <summary>Which controller serves an Ingress: IngressClass controller name, class name without an IngressClass, the only controller running.</summary>
public sealed class ProxyControllerDetectionTests
{
    [Theory]
    [InlineData("traefik.io/ingress-controller", IngressControllerKind.Traefik)]
    [InlineData("haproxy-ingress.github.io/controller", IngressControllerKind.HaproxyIngress)]
    [InlineData("haproxy.org/ingress-controller", IngressControllerKind.HaproxyTech)]
    [InlineData("projectcontour.io/ingress-controller", IngressControllerKind.Contour)]
    [InlineData("example.com/other", IngressControllerKind.Other)]
    public void ForIngress_IngressClassControllerName_Kind(string controllerName, IngressControllerKind expected)
    {
        var cluster = new TestCluster();
        cluster.Add(new IngressClassInfo("edge", controllerName, false));
        var info = IngressControllerDetector.ForIngress(cluster.Snapshot, cluster.Ingress("shop", "web", "web", "edge"));
        Assert.Equal(expected, info.Kind);
    }

    [Fact]
    public void ForIngress_ClassNameHaproxyWithoutIngressClass_PicksTheRunningHaproxy()
    {
        var cluster = new TestCluster();
        ProxyControllerCluster.Add(cluster, IngressControllerKind.HaproxyTech, withClass: false);
        var info = IngressControllerDetector.ForIngress(cluster.Snapshot, cluster.Ingress("shop", "web", "web", "haproxy"));
        Assert.Equal(IngressControllerKind.HaproxyTech, info.Kind);
        Assert.Equal("haproxy-controller/haproxy-kubernetes-ingress", info.ConfigMapKey);
    }

    [Fact]
    public void ForIngress_NoClassOnlyTraefikRunning_AssumedWithEvidence()
    {
        var cluster = new TestCluster();
        ProxyControllerCluster.Add(cluster, IngressControllerKind.Traefik, withClass: false);
        var info = IngressControllerDetector.ForIngress(cluster.Snapshot, cluster.Ingress("shop", "web", "web", className: null));
        Assert.Equal(IngressControllerKind.Traefik, info.Kind);
        Assert.Contains(info.Evidence, e => e.Contains("assumed to serve it", StringComparison.Ordinal));
        Assert.Equal("traefik", info.Workload!.Name);
        Assert.Equal("LoadBalancer", info.Service!.Type);
    }

    [Fact]
    public void ForIngress_ControllerWorkloadMissing_ReportSaysUnknown()
    {
        var cluster = new TestCluster();
        cluster.Add(new IngressClassInfo("traefik", ProxyControllers.TraefikController, true));
        cluster.Service("shop", "web", "ClusterIP", null, ["node-1"]);
        var report = IngressClientIpAnalyzer.Analyze(cluster.Snapshot, cluster.Ingress("shop", "web", "web", "traefik"));
        Assert.Equal(ClientIpOutcome.Unknown, report.Outcome);
        Assert.Contains(report.Notes, n => n.Contains("No Traefik proxy workload", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("docker.io/library/traefik:v3.1@sha256:abc", "traefik")]
    [InlineData("traefik", "traefik")]
    [InlineData("ghcr.io/traefik/whoami:v1", "whoami")]
    public void ImageName_Variants_LastPathSegmentWithoutTag(string image, string expected) =>
        Assert.Equal(expected, ProxyControllers.ImageName(image));

    [Fact]
    public void Traefik_EntryPointAnnotation_FollowsThatEntryPoint()
    {
        var workload = new WorkloadInfo
        {
            Kind = "Deployment",
            Namespace = "traefik",
            Name = "traefik",
            Containers = [new ContainerInfo { Name = "traefik", Image = "traefik:v3", Command = ["--entryPoints.web.address=:80", "--entrypoints.websecure.forwardedheaders.trustedips=10.0.0.0/8"] }],
        };
        var ingress = new IngressInfo { Namespace = "shop", Name = "web", Annotations = LabelMap.Of((TraefikSettingsReader.EntryPointsAnnotation, "websecure")) };
        var s = TraefikSettingsReader.Read(workload, ingress);
        Assert.Equal(new[] { "10.0.0.0/8" }, s.XffTrustedFrom.ToArray());
        Assert.Equal("websecure", TraefikSettingsReader.EntryPoint(s));
    }
}
