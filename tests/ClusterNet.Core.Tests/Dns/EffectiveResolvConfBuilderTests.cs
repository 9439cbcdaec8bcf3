using ClusterNet.Core.Dns;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Tests.Dns;

public sealed class EffectiveResolvConfBuilderTests
{
    private static readonly ClusterDnsInfo KubeDns = new()
    {
        KubeDnsService = new ServiceInfo { Namespace = "kube-system", Name = "kube-dns", ClusterIps = ["10.96.0.10"] },
    };

    private static PodInfo Pod(string policy = "ClusterFirst", bool hostNetwork = false, PodDnsConfig? config = null) =>
        new() { Namespace = "shop", Name = "php-1", DnsPolicy = policy, HostNetwork = hostNetwork, DnsConfig = config };

    [Fact]
    public void Build_ClusterFirst_KubeletFile()
    {
        var e = EffectiveResolvConfBuilder.Build(Pod(), KubeDns, DnsClusterSettings.Default with { NodeSearch = ["localdomain"] });
        Assert.Equal("nameserver 10.96.0.10\nsearch shop.svc.cluster.local svc.cluster.local cluster.local localdomain\noptions ndots:5\n", e.Conf.Render());
        Assert.Equal("ClusterFirst", e.EffectivePolicy);
    }

    [Fact]
    public void Build_CustomClusterDomain_UsedInSearch()
    {
        var e = EffectiveResolvConfBuilder.Build(Pod(), KubeDns, DnsClusterSettings.Default with { ClusterDomain = "corp.internal." });
        Assert.Equal<string>(["shop.svc.corp.internal", "svc.corp.internal", "corp.internal"], e.Conf.Search);
    }

    [Fact]
    public void Build_NodeLocalDnsCache_UsesItsAddress()
    {
        var e = EffectiveResolvConfBuilder.Build(Pod(), KubeDns with { NodeLocalAddress = "169.254.20.10" }, DnsClusterSettings.Default);
        Assert.Equal<string>(["169.254.20.10"], e.Conf.Nameservers);
    }

    [Theory]
    [InlineData("ClusterFirst", true, "Default")]
    [InlineData("ClusterFirstWithHostNet", true, "ClusterFirstWithHostNet")]
    [InlineData("ClusterFirstWithHostNet", false, "ClusterFirst")]
    [InlineData("Default", false, "Default")]
    [InlineData("", false, "ClusterFirst")]
    public void Build_PolicyAndHostNetwork_EffectivePolicy(string policy, bool hostNetwork, string effective)
    {
        var e = EffectiveResolvConfBuilder.Build(Pod(policy, hostNetwork), KubeDns, DnsClusterSettings.Default with { NodeNameservers = ["192.168.1.1"] });
        Assert.Equal(effective, e.EffectivePolicy);
        Assert.Equal(effective == "Default" ? "192.168.1.1" : "10.96.0.10", e.Conf.Nameservers[0]);
    }

    [Fact]
    public void Build_DnsConfigMerge_AppendsWithoutDuplicatesAndOverridesOptions()
    {
        var config = new PodDnsConfig
        {
            Nameservers = ["10.96.0.10", "1.1.1.1"],
            Searches = ["svc.cluster.local", "corp.example"],
            Options = [new DnsOption("ndots", "2"), new DnsOption("single-request-reopen"), new DnsOption("ndots", "3")],
        };
        var e = EffectiveResolvConfBuilder.Build(Pod(config: config), KubeDns, DnsClusterSettings.Default);
        Assert.Equal<string>(["10.96.0.10", "1.1.1.1"], e.Conf.Nameservers);
        Assert.Equal<string>(["shop.svc.cluster.local", "svc.cluster.local", "cluster.local", "corp.example"], e.Conf.Search);
        Assert.Equal("options ndots:3 single-request-reopen", e.Conf.Render().Split('\n')[3]);
    }

    [Fact]
    public void Build_NoneWithoutNameservers_ApiError()
    {
        var e = EffectiveResolvConfBuilder.Build(Pod("None", config: new PodDnsConfig { Searches = ["a.example"] }), KubeDns, DnsClusterSettings.Default);
        Assert.Empty(e.Conf.Nameservers);
        Assert.Contains(e.ApiErrors, a => a.Contains("at least one nameserver", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_TooManySearchDomains_TruncatedWithNoteAndApiError()
    {
        var config = new PodDnsConfig { Nameservers = ["1.1.1.1", "8.8.8.8", "9.9.9.9"], Searches = [.. Enumerable.Range(0, 7).Select(i => $"d{i}.example")] };
        var e = EffectiveResolvConfBuilder.Build(Pod(config: config), KubeDns, DnsClusterSettings.Default.WithLegacySearchLimits());
        Assert.Equal(6, e.Conf.Search.Length);
        Assert.Equal(3, e.Conf.Nameservers.Length);
        Assert.Contains(e.Notes, n => n.Contains("kubelet keeps 3 nameservers", StringComparison.Ordinal));
        Assert.Contains(e.Notes, n => n.Contains("search line limits exceeded", StringComparison.Ordinal));
        Assert.Contains(e.ApiErrors, a => a.Contains("at most 6 allowed", StringComparison.Ordinal));
    }

    [Fact]
    public void Detect_NodeLocalDaemonSetWithLocalIp_FindsAddressAndCorefilePlugins()
    {
        var snapshot = ClusterSnapshot.Create(new SourceInfo("demo", "t"),
        [
            new ServiceInfo { Namespace = "kube-system", Name = "kube-dns", ClusterIps = ["10.96.0.10"] },
            new WorkloadInfo
            {
                Kind = "DaemonSet", Namespace = "kube-system", Name = "node-local-dns",
                Containers = [new ContainerInfo { Name = "node-cache", Command = ["-localip", "169.254.25.10,10.96.0.10", "-conf", "/etc/Corefile"] }],
            },
            new ConfigMapInfo { Namespace = "kube-system", Name = "coredns", Data = LabelMap.Of(("Corefile", ".:53 {\n    errors\n    kubernetes cluster.local\n    forward . /etc/resolv.conf\n    # cache 30\n}\n")) },
            new ConfigMapInfo { Namespace = "kube-system", Name = "kube-proxy", Data = LabelMap.Of(("config.conf", "apiVersion: kubeproxy.config.k8s.io/v1alpha1\nmode: \"ipvs\"\n")) },
        ]);
        var info = ClusterDnsDetector.Detect(snapshot);
        Assert.Equal("10.96.0.10", info.KubeDnsIp);
        Assert.Equal("169.254.25.10", info.NodeLocalAddress);
        Assert.False(info.CorefileHasCache);
        Assert.False(info.CorefileHasAutopath);
        Assert.Equal("ipvs", info.KubeProxyMode);
    }
}
