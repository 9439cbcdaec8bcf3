using ClusterNet.Core.ClientIp;
using ClusterNet.Core.Findings;
using ClusterNet.Core.Model;
using ClusterNet.Core.Tests.ClientIp.Controllers;
using static ClusterNet.Core.Tests.Policy.Np;

namespace ClusterNet.Core.Tests.ClientIp;

/// <summary>
/// Issue 17.3: an Ingress route's controller → app hop carries the policy engine's verdict with the enforcement
/// qualifier, and a policy that blocks the controller is a risk (error where the CNI enforces, notice on flannel).
/// </summary>
public sealed class HopPolicyVerdictTests
{
    private static TestCluster Cluster(string cni, params NetworkPolicyInfo[] policies)
    {
        var cluster = new TestCluster();
        cluster.Add(new WorkloadInfo { Kind = "DaemonSet", Namespace = "kube-system", Name = cni });
        foreach (var ns in new[] { "shop", "ingress-nginx", "traefik" })
        {
            cluster.Add(new NamespaceInfo { Name = ns, Labels = LabelMap.Of(("kubernetes.io/metadata.name", ns)) });
        }

        foreach (var p in policies)
        {
            cluster.Add(p);
        }

        return cluster;
    }

    private static ClientIpReport Nginx(TestCluster cluster)
    {
        cluster.IngressNginx("LoadBalancer", "Local");
        cluster.Service("shop", "web", "ClusterIP", null, ["node-3"]);
        return IngressClientIpAnalyzer.Analyze(cluster.Snapshot, cluster.Ingress("shop", "web", "web"));
    }

    [Fact]
    public void Analyze_DenyAllIngressOnCalico_HopDeniedAndErrorRisk()
    {
        var report = Nginx(Cluster("calico-node", NetPol("shop", "deny-all-ingress", All, ingress: [])));
        var hop = report.Routes[0].Hops[^1];
        Assert.NotNull(hop.Policy);
        Assert.Equal("denied", hop.Policy!.Verdict);
        Assert.Equal("80/TCP", hop.Policy.Probe);
        Assert.Equal("shop/web-0", hop.Policy.To);
        Assert.StartsWith("ingress-nginx/", hop.Policy.From, StringComparison.Ordinal);
        var risk = Assert.Single(report.Risks, r => r.Code == "policy-blocks-controller");
        Assert.Equal(Severity.Error, risk.Severity);
        Assert.Contains("deny-all-ingress", risk.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_DenyAllIngressOnFlannel_QualifiedVerdictAndNotice()
    {
        var report = Nginx(Cluster("kube-flannel-ds", NetPol("shop", "deny-all-ingress", All, ingress: [])));
        var policy = report.Routes[0].Hops[^1].Policy!;
        Assert.Equal("denied · not enforced by this CNI (flannel)", policy.Verdict);
        Assert.False(policy.Enforced);
        Assert.Equal(Severity.Notice, Assert.Single(report.Risks, r => r.Code == "policy-blocks-controller").Severity);
    }

    [Fact]
    public void Analyze_PolicyAdmitsControllerNamespace_AllowedNoRisk()
    {
        var allow = NetPol("shop", "from-ingress", All, ingress: [From(Namespaces(NsName("ingress-nginx")))]);
        var report = Nginx(Cluster("calico-node", NetPol("shop", "deny-all-ingress", All, ingress: []), allow));
        Assert.Equal("allowed", report.Routes[0].Hops[^1].Policy!.Verdict);
        Assert.DoesNotContain(report.Risks, r => r.Code == "policy-blocks-controller");
    }

    [Fact]
    public void Analyze_TraefikBlockedByPortRule_DeniedOnTheTargetPort()
    {
        var cluster = Cluster("calico-node", NetPol("shop", "only-9090", All, ingress: [Ports(Port(9090))]));
        ProxyControllerCluster.Add(cluster, IngressControllerKind.Traefik);
        cluster.Service("shop", "web", "ClusterIP", null, ["node-3"]);
        var report = IngressClientIpAnalyzer.Analyze(cluster.Snapshot, cluster.Ingress("shop", "web", "web", "traefik"));
        Assert.Equal("denied", report.Routes[0].Hops[^1].Policy!.Verdict);
        Assert.Contains(report.Risks, r => r.Code == "policy-blocks-controller" && r.Message.Contains("Traefik", StringComparison.Ordinal));
    }

    [Fact]
    public void ServiceReport_HopsWithoutPolicy_FieldOmitted()
    {
        var cluster = new TestCluster();
        var svc = cluster.Service("shop", "web", "LoadBalancer", "Local", ["node-1"]);
        var json = System.Text.Json.JsonSerializer.Serialize(ServiceClientIpAnalyzer.Analyze(cluster.Snapshot, svc).Routes[0].Hops[0]);
        Assert.DoesNotContain("\"Policy\"", json, StringComparison.Ordinal);
    }
}
