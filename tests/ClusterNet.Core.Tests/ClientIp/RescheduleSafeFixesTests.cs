using ClusterNet.Core.ClientIp;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Tests.ClientIp;

/// <summary>Issue 17.6: fixes keep working after the pods move: trust lists name the pod network, spread constraints select on stable labels.</summary>
public sealed class RescheduleSafeFixesTests
{
    private static ClientIpFix AspNetFix(TestCluster cluster)
    {
        cluster.IngressNginx("LoadBalancer", "Local", podNodes: ["node-1"]);
        cluster.Service("shop", "web", "ClusterIP", null, ["node-3"]);
        var report = IngressClientIpAnalyzer.Analyze(cluster.Snapshot, cluster.Ingress("shop", "web", "web"));
        return Assert.Single(report.Fixes, f => f.Id == "app-aspnet-forwarded-headers");
    }

    [Fact]
    public void TrustList_CalicoIpPool_NamesThePool()
    {
        var cluster = new TestCluster();
        cluster.Add(new IpPoolInfo { Name = "default-ipv4-ippool", Cidr = "192.168.0.0/16" });
        var fix = AspNetFix(cluster);
        Assert.Contains("IPNetwork.Parse(\"192.168.0.0/16\")", fix.Patch, StringComparison.Ordinal);
        Assert.DoesNotContain("10.244.1.0/24", fix.Patch, StringComparison.Ordinal);
        Assert.Contains(fix.TradeOffs, t => t.Contains("Calico IPPools", StringComparison.Ordinal));
    }

    [Fact]
    public void TrustList_KubeProxyClusterCidr_NamesIt()
    {
        var cluster = new TestCluster();
        cluster.Add(new ConfigMapInfo { Namespace = "kube-system", Name = "kube-proxy", Data = LabelMap.Of(("config.conf", "apiVersion: kubeproxy.config.k8s.io/v1alpha1\nclusterCIDR: 10.244.0.0/16\nmode: \"\"\n")) });
        var fix = AspNetFix(cluster);
        Assert.Contains("IPNetwork.Parse(\"10.244.0.0/16\")", fix.Patch, StringComparison.Ordinal);
        Assert.Contains(fix.TradeOffs, t => t.Contains("kube-proxy clusterCIDR", StringComparison.Ordinal));
    }

    [Fact]
    public void TrustList_ControllerManagerClusterCidr_NamesIt()
    {
        var cluster = new TestCluster();
        cluster.Add(new PodInfo
        {
            Namespace = "kube-system",
            Name = "kube-controller-manager-node-1",
            Containers = [new ContainerInfo { Name = "kube-controller-manager", Command = ["kube-controller-manager", "--allocate-node-cidrs=true", "--cluster-cidr=10.32.0.0/12"] }],
        });
        var fix = AspNetFix(cluster);
        Assert.Contains("IPNetwork.Parse(\"10.32.0.0/12\")", fix.Patch, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "10.244.1.0/24", "10.244.2.0/24", "10.244.3.0/24" }, new[] { "10.244.0.0/22" })]
    [InlineData(new[] { "10.244.0.0/24" }, new[] { "10.244.0.0/24" })]
    [InlineData(new[] { "10.244.0.0/24", "10.245.0.0/24", "fd00:10:244:1::/64", "fd00:10:244:2::/64" }, new[] { "10.244.0.0/15", "fd00:10:244::/62" })]
    public void Covering_NodePodCidrs_SmallestCommonRangePerFamily(string[] cidrs, string[] expected) =>
        Assert.Equal(expected, PodNetworkRange.Covering(cidrs).ToArray());

    [Fact]
    public void SpreadPatch_VersionAndHashLabels_LeftOut()
    {
        var cluster = new TestCluster();
        cluster.Add(new WorkloadInfo
        {
            Kind = "Deployment",
            Namespace = "shop",
            Name = "web",
            Selector = new LabelSelector { MatchLabels = LabelMap.Of(("app", "web"), ("app.kubernetes.io/version", "1.2.3")) },
            TemplateLabels = LabelMap.Of(("app", "web"), ("app.kubernetes.io/version", "1.2.3"), ("pod-template-hash", "5d9c7f"), ("tier", "front")),
        });
        var svc = cluster.Service("shop", "web", "LoadBalancer", "Local", ["node-1"], healthCheckNodePort: 31000);
        var fix = Assert.Single(ServiceClientIpAnalyzer.Analyze(cluster.Snapshot, svc).Fixes, f => f.Id == "spread-endpoints");
        Assert.Contains("app: \"web\"", fix.Patch, StringComparison.Ordinal);
        Assert.DoesNotContain("app.kubernetes.io/version", fix.Patch, StringComparison.Ordinal);
        Assert.DoesNotContain("pod-template-hash", fix.Patch, StringComparison.Ordinal);
        Assert.DoesNotContain("app.kubernetes.io/version", fix.Command, StringComparison.Ordinal);
    }

    [Fact]
    public void StableLabels_NoSelector_TemplateLabelsWithoutVolatileOnes()
    {
        var w = new WorkloadInfo
        {
            Kind = "Deployment",
            Namespace = "shop",
            Name = "web",
            TemplateLabels = LabelMap.Of(("app.kubernetes.io/name", "web"), ("app.kubernetes.io/version", "2.0"), ("helm.sh/chart", "web-2.0.0")),
        };
        Assert.Equal(["app.kubernetes.io/name"], StablePodLabels.Of(w).Keys);
    }
}
