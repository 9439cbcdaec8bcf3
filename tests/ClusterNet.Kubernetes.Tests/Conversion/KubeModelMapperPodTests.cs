using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Conversion;
using k8s.Models;

namespace ClusterNet.Kubernetes.Tests.Conversion;

public sealed class KubeModelMapperPodTests
{
    private static V1Pod Pod() => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "web-1", NamespaceProperty = "dev", Uid = "u1",
            Labels = new Dictionary<string, string> { ["app"] = "web" },
            OwnerReferences = [new V1OwnerReference { Kind = "Deployment", Name = "other" }, new V1OwnerReference { Kind = "ReplicaSet", Name = "web-abc", Controller = true }],
        },
        Spec = new V1PodSpec
        {
            NodeName = "node01",
            InitContainers = [new V1Container { Name = "init", Image = "busybox", Command = ["sh", "-c"], Args = ["sed -i s/a/b/ /etc/resolv.conf"] }],
            Containers =
            [
                new V1Container
                {
                    Name = "app", Image = "myapp:v1",
                    Ports = [new V1ContainerPort { Name = "http", ContainerPort = 80 }, new V1ContainerPort { ContainerPort = 53, Protocol = "UDP", HostPort = 5353 }],
                    Lifecycle = new V1Lifecycle
                    {
                        PostStart = new V1LifecycleHandler { Exec = new V1ExecAction { Command = ["echo", "start"] } },
                        PreStop = new V1LifecycleHandler { Exec = new V1ExecAction { Command = ["sleep", "5"] } },
                    },
                },
            ],
            DnsConfig = new V1PodDNSConfig { Nameservers = ["1.1.1.1"], Searches = ["a.local"], Options = [new V1PodDNSConfigOption { Name = "ndots", Value = "2" }, new V1PodDNSConfigOption { Name = "single-request-reopen" }] },
        },
        Status = new V1PodStatus
        {
            Phase = "Running", HostIP = "172.16.100.102", PodIP = "10.244.1.9",
            PodIPs = [new V1PodIP { Ip = "10.244.1.2" }, new V1PodIP { Ip = "fd00::2" }],
            Conditions = [new V1PodCondition { Type = "PodScheduled", Status = "True" }, new V1PodCondition { Type = "Ready", Status = "True" }],
        },
    };

    [Fact]
    public void ToModel_FullPod_MapsEveryField()
    {
        var diagnostics = new List<SourceDiagnostic>();
        var pod = KubeModelMapper.ToModel(Pod(), diagnostics);

        Assert.Empty(diagnostics);
        Assert.Equal(new ObjectKey("dev", "web-1"), pod.Key);
        Assert.Equal("u1", pod.Uid);
        Assert.Equal("web", pod.Labels["app"]);
        Assert.Equal("node01", pod.NodeName);
        Assert.Equal("Running", pod.Phase);
        Assert.True(pod.Ready);
        Assert.Equal(["10.244.1.2", "fd00::2"], pod.PodIps.ToArray());
        Assert.Equal("172.16.100.102", pod.HostIp);
        Assert.Equal("ClusterFirst", pod.DnsPolicy);
        Assert.Equal(new OwnerRef("ReplicaSet", "web-abc"), pod.Owner);
        Assert.Equal(2, pod.Containers.Length);
        var init = pod.Containers[0];
        Assert.True(init.IsInit);
        Assert.Equal(["sh", "-c", "sed -i s/a/b/ /etc/resolv.conf"], init.Command.ToArray());
        var app = pod.Containers[1];
        Assert.False(app.IsInit);
        Assert.Equal([new ContainerPortInfo("http", 80), new ContainerPortInfo(null, 53, "UDP", 5353)], app.Ports.ToArray());
        Assert.Equal(["echo", "start", "sleep", "5"], app.LifecycleCommands.ToArray());
        Assert.NotNull(pod.DnsConfig);
        Assert.Equal(["1.1.1.1"], pod.DnsConfig.Nameservers.ToArray());
        Assert.Equal(["a.local"], pod.DnsConfig.Searches.ToArray());
        Assert.Equal([new DnsOption("ndots", "2"), new DnsOption("single-request-reopen")], pod.DnsConfig.Options.ToArray());
    }

    [Fact]
    public void ToModel_HostnameSubdomainHostAliases_MappedForTheHostsFile()
    {
        var v1 = Pod();
        v1.Spec.Hostname = "web-a";
        v1.Spec.Subdomain = "web";
        v1.Spec.HostAliases = [new V1HostAlias { Ip = "10.1.2.3", Hostnames = ["foo.local", "bar.local"] }, new V1HostAlias { Ip = "127.0.0.1", Hostnames = ["api.local"] }];
        var pod = KubeModelMapper.ToModel(v1);

        Assert.Equal("web-a", pod.Hostname);
        Assert.Equal("web", pod.Subdomain);
        Assert.Equal(2, pod.HostAliases.Length);
        Assert.Equal("10.1.2.3", pod.HostAliases[0].Ip);
        Assert.Equal(["foo.local", "bar.local"], pod.HostAliases[0].Hostnames.ToArray());
        Assert.Equal(["api.local"], pod.HostAliases[1].Hostnames.ToArray());

        var plain = KubeModelMapper.ToModel(Pod());
        Assert.Null(plain.Hostname);
        Assert.Null(plain.Subdomain);
        Assert.Empty(plain.HostAliases);
    }

    [Fact]
    public void ToModel_PodWithoutPodIps_FallsBackToPodIp()
    {
        var v1 = Pod();
        v1.Status.PodIPs = null;
        Assert.Equal(["10.244.1.9"], KubeModelMapper.ToModel(v1).PodIps.ToArray());
    }

    [Fact]
    public void ToModel_EmptyPod_UsesKubernetesDefaults()
    {
        var pod = KubeModelMapper.ToModel(new V1Pod { Metadata = new V1ObjectMeta { Name = "p", NamespaceProperty = "ns" } });

        Assert.Equal("ClusterFirst", pod.DnsPolicy);
        Assert.Equal("Pending", pod.Phase);
        Assert.False(pod.Ready);
        Assert.Empty(pod.PodIps);
        Assert.Null(pod.Owner);
        Assert.Null(pod.DnsConfig);
        Assert.Empty(pod.Containers);
    }

    [Theory]
    [InlineData("True", true)]
    [InlineData("False", false)]
    [InlineData("Unknown", false)]
    public void ToModel_ReadyCondition_SetsReady(string status, bool expected)
    {
        var v1 = Pod();
        v1.Status.Conditions = [new V1PodCondition { Type = "Ready", Status = status }];
        Assert.Equal(expected, KubeModelMapper.ToModel(v1).Ready);
    }

    [Fact]
    public void ToModel_OwnerWithoutControllerFlag_TakesFirstOwner()
    {
        var v1 = Pod();
        v1.Metadata.OwnerReferences = [new V1OwnerReference { Kind = "DaemonSet", Name = "kube-proxy" }];
        Assert.Equal(new OwnerRef("DaemonSet", "kube-proxy"), KubeModelMapper.ToModel(v1).Owner);
    }

    [Theory]
    [InlineData("HTTP", 80, "spec.containers[0].ports[0].name")]
    [InlineData("http", 0, "spec.containers[0].ports[0].containerPort")]
    [InlineData("http", 70000, "spec.containers[0].ports[0].containerPort")]
    public void ToModel_BadContainerPort_ReportsFieldAndKeepsValue(string name, int port, string field)
    {
        var v1 = Pod();
        v1.Spec.InitContainers = null;
        v1.Spec.Containers[0].Ports = [new V1ContainerPort { Name = name, ContainerPort = port }];
        var diagnostics = new List<SourceDiagnostic>();

        var pod = KubeModelMapper.ToModel(v1, diagnostics);

        var d = Assert.Single(diagnostics);
        Assert.Equal(field, d.Field);
        Assert.Equal("Pod dev/web-1", d.Object);
        Assert.Equal("warning", d.Severity);
        Assert.Equal(port, pod.Containers[0].Ports[0].Port);
    }

    [Theory]
    [InlineData("http", true)]
    [InlineData("dns-tcp", true)]
    [InlineData("metrics9153", true)]
    [InlineData("8080", false)]
    [InlineData("HTTP", false)]
    [InlineData("-http", false)]
    [InlineData("a--b", false)]
    [InlineData("a-very-long-name-x", false)]
    [InlineData("", false)]
    public void IsPortName_Value_FollowsIanaSvcName(string value, bool expected) =>
        Assert.Equal(expected, KubeModelMapper.IsPortName(value));

    [Fact]
    public void ToModel_LastAppliedConfiguration_DroppedOtherAnnotationsKept()
    {
        var pod = Pod();
        pod.Metadata.Annotations = new Dictionary<string, string>
        {
            [KubeModelMapper.LastAppliedAnnotation] = "{\"spec\":{\"containers\":[{\"env\":[{\"name\":\"DB_PASSWORD\",\"value\":\"hunter2\"}]}]}}",
            ["prometheus.io/scrape"] = "true",
        };

        var mapped = KubeModelMapper.ToModel(pod);

        Assert.Equal(["prometheus.io/scrape"], mapped.Annotations.Keys);
    }
}
