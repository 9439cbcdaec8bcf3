using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Conversion;
using k8s.Models;

namespace ClusterNet.Kubernetes.Tests.Conversion;

public sealed class KubeModelMapperNodeTests
{
    private static V1Node Node(string? ready = "True") => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "node01", Uid = "n1",
            Labels = new Dictionary<string, string> { ["kubernetes.io/hostname"] = "node01" },
            Annotations = new Dictionary<string, string> { ["flannel.alpha.coreos.com/backend-type"] = "vxlan" },
        },
        Spec = new V1NodeSpec { PodCIDR = "10.244.1.0/24" },
        Status = new V1NodeStatus
        {
            Addresses = [new V1NodeAddress { Type = "InternalIP", Address = "172.16.100.102" }, new V1NodeAddress { Type = "Hostname", Address = "node01" }],
            NodeInfo = new V1NodeSystemInfo { KernelVersion = "3.10.0-1127.el7.x86_64", OsImage = "CentOS Linux 7 (Core)", KubeletVersion = "v1.20.2", ContainerRuntimeVersion = "docker://19.3.15", Architecture = "amd64" },
            Conditions = ready is null ? [] : [new V1NodeCondition { Type = "MemoryPressure", Status = "False" }, new V1NodeCondition { Type = "Ready", Status = ready }],
        },
    };

    [Fact]
    public void ToModel_Node_MapsAddressesCidrsVersionsAndAnnotations()
    {
        var node = KubeModelMapper.ToModel(Node());

        Assert.Equal("node01", node.Name);
        Assert.Equal(ObjectKey.Cluster("node01"), node.Key);
        Assert.Equal("172.16.100.102", node.InternalIp);
        Assert.Equal(["10.244.1.0/24"], node.PodCidrs.ToArray());
        Assert.Equal("3.10.0-1127.el7.x86_64", node.KernelVersion);
        Assert.Equal("CentOS Linux 7 (Core)", node.OsImage);
        Assert.Equal("v1.20.2", node.KubeletVersion);
        Assert.Equal("docker://19.3.15", node.ContainerRuntimeVersion);
        Assert.Equal("amd64", node.Architecture);
        Assert.Equal("vxlan", node.Annotations["flannel.alpha.coreos.com/backend-type"]);
        Assert.True(node.Ready);
    }

    [Fact]
    public void ToModel_NodeWithPodCidrs_PrefersListAndKeepsInvalidAsWritten()
    {
        var v1 = Node();
        v1.Spec.PodCIDRs = ["10.244.1.0/24", "not-a-cidr"];
        Assert.Equal(["10.244.1.0/24", "not-a-cidr"], KubeModelMapper.ToModel(v1).PodCidrs.ToArray());
    }

    [Theory]
    [InlineData("True", true)]
    [InlineData("False", false)]
    [InlineData("Unknown", null)]
    [InlineData(null, null)]
    public void ToModel_ReadyCondition_MapsTriState(string? status, bool? expected) =>
        Assert.Equal(expected, KubeModelMapper.ToModel(Node(status)).Ready);

    [Fact]
    public void ToModel_ReadyConditionWithOddStatus_ReportsWarning()
    {
        var diagnostics = new List<SourceDiagnostic>();
        var node = KubeModelMapper.ToModel(Node("yes"), diagnostics);
        Assert.Null(node.Ready);
        var d = Assert.Single(diagnostics);
        Assert.Equal("status.conditions[1].status", d.Field);
        Assert.Equal("Node node01", d.Object);
    }

    [Fact]
    public void ToModel_Namespace_MapsLabelsAndPhase()
    {
        var ns = KubeModelMapper.ToModel(new V1Namespace
        {
            Metadata = new V1ObjectMeta { Name = "dev", Labels = new Dictionary<string, string> { ["name"] = "dev" } },
            Status = new V1NamespaceStatus { Phase = "Terminating" },
        });
        Assert.Equal("dev", ns.Name);
        Assert.Equal("dev", ns.Labels["name"]);
        Assert.Equal("Terminating", ns.Phase);
        Assert.Equal("Active", KubeModelMapper.ToModel(new V1Namespace { Metadata = new V1ObjectMeta { Name = "x" } }).Phase);
    }
}
