using ClusterNet.Core.ClientIp;
using ClusterNet.Core.Findings;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Tests.ClientIp.Controllers;

/// <summary>
/// The Service-level analysis of a Traefik, HAProxy (both controllers) or Contour/Envoy Service: behind
/// externalTrafficPolicy Cluster it is an ingress controller losing every client (error ingress-behind-cluster-policy),
/// not an app Service (warning cluster-policy-snat); the same Service of a plain app stays a warning.
/// </summary>
public sealed class ProxyControllerServiceRiskTests
{
    [Theory]
    [InlineData(IngressControllerKind.Traefik, "traefik", "traefik", "Traefik")]
    [InlineData(IngressControllerKind.HaproxyIngress, "ingress-controller", "haproxy-ingress", "HAProxy Ingress")]
    [InlineData(IngressControllerKind.HaproxyTech, "haproxy-controller", "haproxy-kubernetes-ingress", "HAProxy Kubernetes Ingress Controller")]
    [InlineData(IngressControllerKind.Contour, "projectcontour", "envoy", "Contour (Envoy)")]
    public void Analyze_ControllerServiceClusterPolicy_IngressBehindClusterPolicyError(IngressControllerKind kind, string ns, string service, string product)
    {
        var cluster = ProxyControllerCluster.Add(new TestCluster(), kind, policy: "Cluster");

        var report = ServiceClientIpAnalyzer.Analyze(cluster.Snapshot, cluster.Snapshot.Services.Get(ns, service)!);

        var risk = Assert.Single(report.Risks, r => r.Code == "ingress-behind-cluster-policy");
        Assert.Equal(Severity.Error, risk.Severity);
        Assert.Contains(risk.Evidence, e => e.Contains(product, StringComparison.Ordinal) || (kind == IngressControllerKind.Contour && e.Contains("Contour's data plane", StringComparison.Ordinal)));
        Assert.DoesNotContain(report.Risks, r => r.Code == "cluster-policy-snat");
        Assert.Contains(report.Fixes, f => f.Id == "external-traffic-policy-local" && f.Resolves.Contains("ingress-behind-cluster-policy"));
        Assert.Contains(report.Notes, n => n.Contains($"fronts the {product} controller", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(IngressControllerKind.Traefik, "traefik", "traefik")]
    [InlineData(IngressControllerKind.HaproxyIngress, "ingress-controller", "haproxy-ingress")]
    [InlineData(IngressControllerKind.HaproxyTech, "haproxy-controller", "haproxy-kubernetes-ingress")]
    [InlineData(IngressControllerKind.Contour, "projectcontour", "envoy")]
    public void Analyze_ControllerServiceLocalPolicy_NoClusterPolicyRisk(IngressControllerKind kind, string ns, string service)
    {
        var cluster = ProxyControllerCluster.Add(new TestCluster(), kind, policy: "Local");

        var report = ServiceClientIpAnalyzer.Analyze(cluster.Snapshot, cluster.Snapshot.Services.Get(ns, service)!);

        Assert.DoesNotContain(report.Risks, r => r.Code is "ingress-behind-cluster-policy" or "cluster-policy-snat");
    }

    [Fact]
    public void Analyze_EnvoyWithoutContour_StaysAppWarning()
    {
        // An Envoy workload alone (no Contour in its namespace) is not known to be an Ingress controller.
        var cluster = new TestCluster();
        var labels = LabelMap.Of(("app", "envoy"));
        cluster.Add(new WorkloadInfo
        {
            Kind = "Deployment", Namespace = "edge", Name = "envoy", Labels = labels, TemplateLabels = labels,
            Selector = new LabelSelector { MatchLabels = labels },
            Containers = [new ContainerInfo { Name = "envoy", Image = "docker.io/envoyproxy/envoy:v1.31.0" }],
        });
        var svc = cluster.Service("edge", "envoy", "LoadBalancer", "Cluster", ["node-1", "node-2"], selector: labels);

        var report = ServiceClientIpAnalyzer.Analyze(cluster.Snapshot, svc);

        Assert.Equal(Severity.Warning, Assert.Single(report.Risks, r => r.Code == "cluster-policy-snat").Severity);
        Assert.DoesNotContain(report.Risks, r => r.Code == "ingress-behind-cluster-policy");
    }

    [Fact]
    public void Analyze_ContourControlPlaneService_NotAnIngressEntry()
    {
        // contour's own Service carries xDS to Envoy, not client traffic.
        var cluster = ProxyControllerCluster.Add(new TestCluster(), IngressControllerKind.Contour, policy: "Local");
        var svc = cluster.Service("projectcontour", "contour-lb", "LoadBalancer", "Cluster", ["node-1"], selector: LabelMap.Of(("app.kubernetes.io/name", "contour")));

        var report = ServiceClientIpAnalyzer.Analyze(cluster.Snapshot, svc);

        Assert.Contains(report.Risks, r => r.Code == "cluster-policy-snat");
        Assert.DoesNotContain(report.Risks, r => r.Code == "ingress-behind-cluster-policy");
    }
}
