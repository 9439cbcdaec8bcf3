using System.Runtime.CompilerServices;
using ClusterNet.Core.Dns;
using ClusterNet.Core.Facts;
using ClusterNet.Core.Findings;
using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Files;

namespace ClusterNet.Kubernetes.Tests.Dns;

/// <summary>
/// CoreDNS, NodeLocal DNSCache (iptables mode, IPVS mode, the broken mix) and kubeadm's kubelet-config, each re-expressed
/// in our own manifests (Dns/Manifests), read through the file source as a user's directory would be, then analysed:
/// which nameserver pods really get, who decided it, and whether the egress fix opens it.
/// </summary>
public sealed class NodeLocalDnsManifestTests
{
    private static string Dir([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "Manifests");

    private static ClusterSnapshot Load(params string[] files)
    {
        var text = string.Join("\n---\n", files.Select(f => File.ReadAllText(Path.Combine(Dir(), f))));
        var result = ManifestLoader.LoadText(text, "manifests.yaml");
        Assert.Empty(result.Diagnostics);
        return result.ToSnapshot(new SourceInfo("file", "manifests"));
    }

    private static ClusterDnsInfo Dns(ClusterSnapshot s) => ClusterFacts.Of(s).Dns;

    private static EffectiveResolvConf WebConf(ClusterSnapshot s) =>
        EffectiveResolvConfBuilder.Build(s.Pods.Get("shop", "web-0")!, Dns(s), DnsClusterSettings.Default);

    // --- CoreDNS alone ---

    [Fact]
    public void CoreDns_ServiceIpCorefileAndPods()
    {
        var s = Load("coredns.yaml");
        var dns = Dns(s);
        Assert.Equal("10.96.0.10", dns.KubeDnsIp);
        Assert.True(dns.CorefileHasCache);
        Assert.False(dns.CorefileHasAutopath);
        Assert.Equal<string>(["kube-system/coredns-74ff55c5b-abcde"], dns.DnsPods.Select(p => p.Key.ToString()));
        Assert.Null(dns.NodeLocalAddress);
        Assert.Equal("nameserver 10.96.0.10\nsearch shop.svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5\n", WebConf(s).Conf.Render());
    }

    [Fact]
    public void CoreDns_CurlImage_IsMusl_RaceReported()
    {
        var s = Load("coredns.yaml");
        var report = DnsFindingsAnalyzer.Analyze(s);
        var race = Assert.Single(report.Findings, f => f.Code == "musl-conntrack-race");
        Assert.Contains(race.Evidence, e => e.StartsWith("curlimages/curl:8.5.0: musl", StringComparison.Ordinal));
    }

    // --- NodeLocal DNSCache, kube-proxy iptables mode ---

    [Fact]
    public void Iptables_PodsKeepTheServiceIp_InferredAndSaid()
    {
        var s = Load("coredns.yaml", "nodelocaldns-iptables.yaml");
        var dns = Dns(s);
        Assert.Equal<string>(["169.254.20.10", "10.96.0.10"], dns.NodeLocalAddresses);
        Assert.Equal<string>(["10.96.0.10"], dns.PodNameservers);
        Assert.True(dns.PodNameserverInferred);
        Assert.StartsWith("inferred: node-local-dns binds both 169.254.20.10 and the Service IP 10.96.0.10", dns.PodNameserverSource, StringComparison.Ordinal);
        Assert.Null(dns.NodeLocalProblem);

        var conf = WebConf(s);
        Assert.Equal<string>(["10.96.0.10"], conf.Conf.Nameservers);
        Assert.Contains("answered on every node by NodeLocal DNSCache", conf.Explanation, StringComparison.Ordinal);
        Assert.Contains(conf.Notes, n => n.StartsWith("nameserver 10.96.0.10: inferred", StringComparison.Ordinal));
    }

    [Fact]
    public void Iptables_MuslPodsGoThroughTheCache_NoRaceFinding()
    {
        var report = DnsFindingsAnalyzer.Analyze(Load("coredns.yaml", "nodelocaldns-iptables.yaml"));
        Assert.DoesNotContain(report.Findings, f => f.Code == "musl-conntrack-race");
        Assert.DoesNotContain(report.Findings, f => f.Code.StartsWith("nodelocal-dns-", StringComparison.Ordinal));
    }

    [Fact]
    public void Iptables_EgressOnlyToKubeDnsPods_FixOpensTheServiceIpToo()
    {
        var report = DnsFindingsAnalyzer.Analyze(Load("coredns.yaml", "nodelocaldns-iptables.yaml", "egress-kube-dns-only.yaml"));
        var f = Assert.Single(report.Findings, f => f.Code == "egress-blocks-nodelocal-dns");
        Assert.Equal(Severity.Critical, f.Severity);
        Assert.Contains(f.Evidence, e => e.StartsWith("pods are given nameserver 10.96.0.10 (inferred", StringComparison.Ordinal));
        var patch = f.Fixes.Single(x => x.Patch is not null).Patch!;
        Assert.Contains("    - ipBlock:\n        cidr: 10.96.0.10/32\n    - ipBlock:\n        cidr: 169.254.20.10/32\n", patch, StringComparison.Ordinal);
    }

    // --- NodeLocal DNSCache, kube-proxy IPVS mode ---

    [Fact]
    public void Ipvs_PodsGetTheLinkLocalAddress_Inferred()
    {
        var s = Load("coredns.yaml", "nodelocaldns-ipvs.yaml");
        var dns = Dns(s);
        Assert.Equal("ipvs", dns.KubeProxyMode);
        Assert.Equal<string>(["169.254.20.10"], dns.PodNameservers);
        Assert.True(dns.PodNameserverInferred);
        Assert.Contains("kube-proxy mode ipvs", dns.PodNameserverSource, StringComparison.Ordinal);
        Assert.Equal<string>(["169.254.20.10"], WebConf(s).Conf.Nameservers);
    }

    [Fact]
    public void Ipvs_EgressFix_OpensTheLinkLocalAddress()
    {
        var report = DnsFindingsAnalyzer.Analyze(Load("coredns.yaml", "nodelocaldns-ipvs.yaml", "egress-kube-dns-only.yaml"));
        var f = Assert.Single(report.Findings, f => f.Code == "egress-blocks-nodelocal-dns");
        var patch = f.Fixes.Single(x => x.Patch is not null).Patch!;
        Assert.Contains("cidr: 169.254.20.10/32", patch, StringComparison.Ordinal);
        Assert.DoesNotContain("10.96.0.10/32", patch, StringComparison.Ordinal);
    }

    // --- the broken mix: IPVS with the iptables-style -localip ---

    [Fact]
    public void BrokenMix_Flagged_PodsBypassTheCache()
    {
        var s = Load("coredns.yaml", "nodelocaldns-broken-mix.yaml");
        var dns = Dns(s);
        Assert.Contains("cannot take it", dns.NodeLocalProblem, StringComparison.Ordinal);
        Assert.Equal<string>(["10.96.0.10"], dns.PodNameservers);
        Assert.DoesNotContain("answered on every node", WebConf(s).Explanation, StringComparison.Ordinal);

        var report = DnsFindingsAnalyzer.Analyze(s);
        var f = Assert.Single(report.Findings, f => f.Code == "nodelocal-dns-ipvs-localip");
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Contains("-localip 169.254.20.10 alone", f.Fixes[0].Title, StringComparison.Ordinal);
        // Not through the cache: the musl pod still races in conntrack.
        Assert.Contains(report.Findings, x => x.Code == "musl-conntrack-race");
    }

    // --- kubeadm kube-proxy ---

    [Fact]
    public void KubeProxyKubeadm_EmptyModeIsIptables()
    {
        var dns = Dns(Load("coredns.yaml", "kube-proxy-kubeadm.yaml"));
        Assert.Equal("iptables", dns.KubeProxyMode);
        Assert.Null(dns.NodeLocalAddress);
        Assert.Equal<string>(["10.96.0.10"], dns.PodNameservers);
    }

    [Fact]
    public void KubeProxyKubeadm_LinkLocalOnlyCache_PodsPointedAtTheCacheInferred()
    {
        // The IPVS-style cache (link-local only) with kubeadm's iptables kube-proxy: kubelet must have been changed.
        var text = string.Join("\n---\n", new[] { "coredns.yaml", "kube-proxy-kubeadm.yaml" }.Select(f => File.ReadAllText(Path.Combine(Dir(), f))))
            + "\n---\n" + string.Join("\n---\n", File.ReadAllText(Path.Combine(Dir(), "nodelocaldns-ipvs.yaml")).Split("\n---\n").Where(d => !d.Contains("name: kube-proxy", StringComparison.Ordinal)));
        var dns = Dns(ManifestLoader.LoadText(text, "m.yaml").ToSnapshot(new SourceInfo("file", "m")));
        Assert.Equal("iptables", dns.KubeProxyMode);
        Assert.Equal<string>(["169.254.20.10"], dns.PodNameservers);
        Assert.True(dns.PodNameserverInferred);
        Assert.Contains("kube-proxy mode iptables", dns.PodNameserverSource, StringComparison.Ordinal);
        Assert.Null(dns.NodeLocalProblem);
    }

    // --- kubeadm kubelet-config ---

    [Fact]
    public void KubeletConfig_ClusterDnsDecides_NotInferred()
    {
        var s = Load("coredns.yaml", "nodelocaldns-ipvs.yaml", "kubelet-config.yaml");
        var dns = Dns(s);
        Assert.Equal<string>(["169.254.20.10"], dns.KubeletClusterDns);
        Assert.Equal<string>(["169.254.20.10"], dns.PodNameservers);
        Assert.False(dns.PodNameserverInferred);
        Assert.Equal("kubelet's clusterDNS 169.254.20.10 (kube-system/kubelet-config)", dns.PodNameserverSource);
    }

    [Fact]
    public void KubeletConfig_WinsOverTheIptablesInference()
    {
        var dns = Dns(Load("coredns.yaml", "nodelocaldns-iptables.yaml", "kubelet-config.yaml"));
        Assert.Equal<string>(["169.254.20.10"], dns.PodNameservers);
    }

    [Fact]
    public void KubeletConfig_ServiceIpWithLinkLocalOnlyCache_CacheUnused()
    {
        var kubelet = File.ReadAllText(Path.Combine(Dir(), "kubelet-config.yaml")).Replace("    - 169.254.20.10", "    - 10.96.0.10", StringComparison.Ordinal);
        var text = File.ReadAllText(Path.Combine(Dir(), "coredns.yaml")) + "\n---\n" + File.ReadAllText(Path.Combine(Dir(), "nodelocaldns-ipvs.yaml")) + "\n---\n" + kubelet;
        var s = ManifestLoader.LoadText(text, "m.yaml").ToSnapshot(new SourceInfo("file", "m"));
        var f = Assert.Single(DnsFindingsAnalyzer.Analyze(s).Findings, f => f.Code == "nodelocal-dns-unused");
        Assert.Contains("set kubelet clusterDNS to 169.254.20.10", f.Fixes[0].Title, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("clusterDNS:\n- 10.96.0.10\n- fd00::a\nclusterDomain: x\n", new[] { "10.96.0.10", "fd00::a" })]
    [InlineData("clusterDNS: [10.96.0.10, \"169.254.20.10\"]\n", new[] { "10.96.0.10", "169.254.20.10" })]
    [InlineData("clusterDNS:\n  - 10.96.0.10 # the Service\n  - not-an-ip\nx: 1\n", new[] { "10.96.0.10" })]
    [InlineData("kind: KubeletConfiguration\n", new string[0])]
    [InlineData("nested:\n  clusterDNS:\n  - 1.2.3.4\n", new string[0])]
    public void KubeletConfigReader_ClusterDnsForms(string yaml, string[] expected) =>
        Assert.Equal(expected, KubeletConfigReader.ClusterDns(yaml));
}
