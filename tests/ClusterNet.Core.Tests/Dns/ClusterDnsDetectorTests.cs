using ClusterNet.Core.Dns;
using ClusterNet.Core.Facts;
using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;

namespace ClusterNet.Core.Tests.Dns;

/// <summary>NodeLocal DNSCache and kube-dns are detected once, here, and read by every analyzer through ClusterFacts.</summary>
public sealed class ClusterDnsDetectorTests
{
    private static ClusterSnapshot Snapshot(params IClusterObject[] objects) => ClusterSnapshot.Create(new SourceInfo("demo", "t"), objects);

    private static ConfigMapInfo NodeLocalConfig(string corefile) =>
        new() { Namespace = "kube-system", Name = "node-local-dns", Data = LabelMap.Of(("Corefile", corefile)) };

    [Fact]
    public void Detect_ConfigMapBindLine_AnyAddressOfTheFirstBind()
    {
        var info = ClusterDnsDetector.Detect(Snapshot(NodeLocalConfig("cluster.local:53 {\n    errors\n    bind 10.0.0.10 10.96.0.10\n}\n")));
        Assert.Equal("10.0.0.10", info.NodeLocalAddress);
    }

    [Fact]
    public void Detect_ConfigMapBindInAnyValue_Read()
    {
        var cm = new ConfigMapInfo { Namespace = "kube-system", Name = "node-local-dns", Data = LabelMap.Of(("README", "see Corefile"), ("Corefile", ".:53 {\n bind 169.254.25.10\n}\n")) };
        Assert.Equal("169.254.25.10", ClusterDnsDetector.Detect(Snapshot(cm)).NodeLocalAddress);
    }

    [Fact]
    public void Detect_ConfigMapWithTemplatePlaceholders_DefaultAddress() =>
        Assert.Equal(ClusterDnsDetector.DefaultNodeLocalAddress, ClusterDnsDetector.Detect(Snapshot(NodeLocalConfig(".:53 {\n bind __PILLAR__LOCAL__DNS__ __PILLAR__DNS__SERVER__\n}\n"))).NodeLocalAddress);

    [Fact]
    public void Detect_DaemonSetByLabelOnly_Found()
    {
        var ds = new WorkloadInfo { Kind = "DaemonSet", Namespace = "kube-system", Name = "nodelocaldns", Labels = LabelMap.Of(("k8s-app", "node-local-dns")) };
        Assert.Equal("169.254.20.10", ClusterDnsDetector.Detect(Snapshot(ds)).NodeLocalAddress);
    }

    [Fact]
    public void Detect_Nothing_NoNodeLocal() => Assert.Null(ClusterDnsDetector.Detect(Snapshot()).NodeLocalAddress);

    [Fact]
    public void Detect_KubeDnsPods_SelectedByTheServiceSelectorInItsNamespace()
    {
        var svc = new ServiceInfo { Namespace = "kube-system", Name = "kube-dns", ClusterIps = ["10.96.0.10"], Selector = LabelMap.Of(("k8s-app", "kube-dns")) };
        var mine = new PodInfo { Namespace = "kube-system", Name = "coredns-1", Labels = LabelMap.Of(("k8s-app", "kube-dns")) };
        var elsewhere = new PodInfo { Namespace = "other", Name = "coredns-2", Labels = LabelMap.Of(("k8s-app", "kube-dns")) };
        var info = ClusterFacts.Of(Snapshot(svc, mine, elsewhere)).Dns;
        Assert.Equal(["kube-system/coredns-1"], info.DnsPods.Select(p => p.Key.ToString()));
        Assert.Equal("10.96.0.10", info.PodNameserver);
    }

    public static TheoryData<string, string?, string?> LinterCases() => new()
    {
        { "daemonset", null, "169.254.20.10" },
        { "configmap", "cluster.local:53 {\n    bind 169.254.20.10 10.96.0.10\n}\n", "169.254.20.10" },
        { "configmap", ".:53 {\n    bind 10.0.0.10\n}\n", "10.0.0.10" },
        { "configmap", ".:53 {\n    bind __PILLAR__LOCAL__DNS__ __PILLAR__DNS__SERVER__\n}\n", "169.254.20.10" },
        { "nothing", null, null },
    };

    /// <summary>
    /// The cases the policy linter's own detection (now removed: the linter reads ClusterFacts.Dns) answered, with its
    /// answers: the one detector must give the same address.
    /// </summary>
    [Theory]
    [MemberData(nameof(LinterCases))]
    public void Detect_SameAddressAsThePolicyLintersFormerDetection(string what, string? corefile, string? expected)
    {
        IClusterObject[] objects = what switch
        {
            "daemonset" => [new WorkloadInfo { Kind = "DaemonSet", Namespace = "kube-system", Name = "node-local-dns" }],
            "configmap" => [NodeLocalConfig(corefile!)],
            _ => [],
        };
        var snapshot = Snapshot(objects);
        Assert.Equal(expected, ClusterFacts.Of(snapshot).Dns.NodeLocalAddress);
    }
}
