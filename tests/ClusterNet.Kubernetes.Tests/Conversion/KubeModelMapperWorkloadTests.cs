using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Conversion;
using k8s.Models;

namespace ClusterNet.Kubernetes.Tests.Conversion;

public sealed class KubeModelMapperWorkloadTests
{
    private static V1PodTemplateSpec Template(bool hostNetwork = false) => new()
    {
        Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "x" } },
        Spec = new V1PodSpec { HostNetwork = hostNetwork, DnsPolicy = hostNetwork ? "ClusterFirstWithHostNet" : null, Containers = [new V1Container { Name = "c", Image = "img:1" }] },
    };

    [Fact]
    public void ToModel_DaemonSet_MapsTemplateAndStatus()
    {
        var ds = KubeModelMapper.ToModel(new V1DaemonSet
        {
            Metadata = new V1ObjectMeta { Name = "kube-flannel-ds", NamespaceProperty = "kube-system" },
            Spec = new V1DaemonSetSpec { Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "x" } }, Template = Template(true) },
            Status = new V1DaemonSetStatus { DesiredNumberScheduled = 3, NumberReady = 2 },
        });

        Assert.Equal("DaemonSet", ds.Kind);
        Assert.Equal(new ObjectKey("kube-system", "DaemonSet/kube-flannel-ds"), ds.Key);
        Assert.True(ds.HostNetwork);
        Assert.Equal("ClusterFirstWithHostNet", ds.DnsPolicy);
        Assert.Equal("x", ds.Selector.MatchLabels["app"]);
        Assert.Equal("x", ds.TemplateLabels["app"]);
        Assert.Equal("img:1", Assert.Single(ds.Containers).Image);
        Assert.Equal(3, ds.DesiredReplicas);
        Assert.Equal(2, ds.ReadyReplicas);
        Assert.Equal(ResourceKind.DaemonSets, ResourceKinds.KindOf(ds));
    }

    [Theory]
    [InlineData(null, 1)]
    [InlineData(0, 0)]
    [InlineData(3, 3)]
    public void ToModel_DeploymentReplicas_DefaultOne(int? replicas, int expected)
    {
        var d = KubeModelMapper.ToModel(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = "php-fpm", NamespaceProperty = "shop" },
            Spec = new V1DeploymentSpec { Replicas = replicas, Template = Template() },
            Status = new V1DeploymentStatus { ReadyReplicas = 1 },
        });
        Assert.Equal("Deployment", d.Kind);
        Assert.Equal(expected, d.DesiredReplicas);
        Assert.Equal(1, d.ReadyReplicas);
        Assert.Equal("ClusterFirst", d.DnsPolicy);
    }

    [Fact]
    public void ToModel_StatefulSet_IsKeyedByKind()
    {
        var s = KubeModelMapper.ToModel(new V1StatefulSet { Metadata = new V1ObjectMeta { Name = "db", NamespaceProperty = "prod" }, Spec = new V1StatefulSetSpec { Replicas = 2, Template = Template() } });
        Assert.Equal(new ObjectKey("prod", "StatefulSet/db"), s.Key);
        Assert.Equal(2, s.DesiredReplicas);
        Assert.Equal(ResourceKind.StatefulSets, ResourceKinds.KindOf(s));
    }

    [Fact]
    public void ToModel_ConfigMap_MapsData()
    {
        var cm = KubeModelMapper.ToModel(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "kube-proxy", NamespaceProperty = "kube-system" }, Data = new Dictionary<string, string> { ["config.conf"] = "mode: ipvs" } });
        Assert.Equal("mode: ipvs", cm.Data["config.conf"]);
        Assert.Equal(new ObjectKey("kube-system", "kube-proxy"), cm.Key);
    }

    [Theory]
    [InlineData("kube-flannel-cfg", true)]
    [InlineData("coredns", true)]
    [InlineData("app-settings", false)]
    [InlineData(null, false)]
    public void IsAnalysedConfigMap_Name_MatchesList(string? name, bool expected) => Assert.Equal(expected, KubeModelMapper.IsAnalysedConfigMap(name));
}
