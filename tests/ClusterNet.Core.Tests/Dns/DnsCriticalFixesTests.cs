using ClusterNet.Core.Dns;
using ClusterNet.Core.Findings;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Tests.Dns;

/// <summary>Every critical DNS finding carries a patch, and each patch does what its finding needs.</summary>
public sealed class DnsCriticalFixesTests
{
    private static readonly ServiceInfo KubeDns = new()
    {
        Namespace = "kube-system", Name = "kube-dns", ClusterIps = ["10.96.0.10"], Selector = LabelMap.Of(("k8s-app", "kube-dns")),
    };

    private static PodInfo Deployed(string ns, string app, string image, PodDnsConfig? dns = null, string? policy = null) => new()
    {
        Namespace = ns,
        Name = $"{app}-5d8f7c9b6-abcde",
        NodeName = "node-1",
        Phase = "Running",
        PodIps = ["10.244.1.7"],
        Labels = LabelMap.Of(("app", app), ("pod-template-hash", "5d8f7c9b6")),
        Owner = new OwnerRef("ReplicaSet", $"{app}-5d8f7c9b6"),
        Containers = [new ContainerInfo { Name = "app", Image = image }],
        DnsConfig = dns,
        DnsPolicy = policy ?? "ClusterFirst",
    };

    /// <summary>Every kind of critical finding: an invalid dnsConfig and musl on an old kernel, and (with NodeLocal DNSCache) egress blocking it.</summary>
    private static IEnumerable<Finding> Critical() => WithoutNodeLocal().Findings.Concat(WithNodeLocal().Findings);

    private static DnsReport WithoutNodeLocal() => DnsFindingsAnalyzer.Analyze(ClusterSnapshot.Create(new SourceInfo("demo", "test"),
    [
        KubeDns,
        new NodeInfo { Name = "node-1", KernelVersion = "3.10.0-1127.el7.x86_64" },
        Deployed("shop", "php", "php:7.4-fpm-alpine"),
        Deployed("shop", "bad", "python:3.12-slim", new PodDnsConfig { Nameservers = ["1.1.1.1", "dns.example", "8.8.8.8", "9.9.9.9", "8.8.4.4"], Options = [new DnsOption("")] }),
        Deployed("shop", "none", "python:3.12-slim", policy: "None"),
    ]));

    private static DnsReport WithNodeLocal()
    {
        var dnsPod = new PodInfo { Namespace = "kube-system", Name = "coredns-1", Labels = LabelMap.Of(("k8s-app", "kube-dns")), PodIps = ["10.244.0.5"], Phase = "Running" };
        var policy = new NetworkPolicyInfo
        {
            Namespace = "web",
            Name = "allow-dns-only",
            PolicyTypes = ["Egress"],
            Egress =
            [
                new NetworkPolicyRuleInfo
                {
                    Peers = [new NetworkPolicyPeerInfo { NamespaceSelector = LabelSelector.Everything, PodSelector = new LabelSelector { MatchLabels = LabelMap.Of(("k8s-app", "kube-dns")) } }],
                    Ports = [new NetworkPolicyPortInfo("UDP", "53")],
                },
            ],
        };
        return DnsFindingsAnalyzer.Analyze(ClusterSnapshot.Create(new SourceInfo("demo", "test"),
        [
            KubeDns, dnsPod, policy,
            new WorkloadInfo { Kind = "DaemonSet", Namespace = "kube-system", Name = "node-local-dns" },
            new NamespaceInfo { Name = "web" }, new NamespaceInfo { Name = "kube-system" }, new NamespaceInfo { Name = "shop" },
            new NodeInfo { Name = "node-1", KernelVersion = "3.10.0-1127.el7.x86_64" },
            Deployed("web", "site", "nginx:1.25"),
        ]));
    }

    [Fact]
    public void Analyze_EveryCriticalFinding_HasAPatch()
    {
        var critical = Critical().Where(f => f.Severity == Severity.Critical).ToList();
        Assert.Equal(["api-invalid-dnsconfig", "egress-blocks-nodelocal-dns", "musl-conntrack-race"], critical.Select(f => f.Code).Distinct().Order());
        Assert.All(critical, f => Assert.Contains(f.Fixes, x => x.Patch is not null && x.Target is not null && !x.TradeOffs.IsDefaultOrEmpty));
        Assert.All(critical, f => Assert.NotNull(DnsFindingDto.From(f).Patch));
    }

    [Fact]
    public void InvalidDnsConfig_PatchKeepsValidNameserversWithinTheLimit()
    {
        var f = Critical().First(f => f.Code == "api-invalid-dnsconfig" && f.Subject == "Deployment shop/bad");
        var patch = f.Fixes.First(x => x.Patch is not null);
        Assert.Equal("Deployment shop/bad", patch.Target);
        Assert.Contains("nameservers:\n        - 1.1.1.1\n        - 8.8.8.8\n        - 9.9.9.9\n", patch.Patch, StringComparison.Ordinal);
        Assert.DoesNotContain("dns.example", patch.Patch, StringComparison.Ordinal);
        Assert.Contains("\"nameservers\":[\"1.1.1.1\",\"8.8.8.8\",\"9.9.9.9\"]", patch.Command, StringComparison.Ordinal);
        // What the patch gives is a spec the API server accepts.
        var patched = new PodDnsConfig { Nameservers = ["1.1.1.1", "8.8.8.8", "9.9.9.9"] };
        Assert.Empty(EffectiveResolvConfBuilder.Validate("ClusterFirst", patched, DnsClusterSettings.Default));
    }

    [Fact]
    public void InvalidDnsConfig_PolicyNoneWithoutNameserver_GetsTheClusterDns()
    {
        var f = Critical().First(f => f.Code == "api-invalid-dnsconfig" && f.Subject == "Deployment shop/none");
        var patch = f.Fixes.First(x => x.Patch is not null);
        Assert.Contains("nameservers:\n        - 10.96.0.10\n", patch.Patch, StringComparison.Ordinal);
        Assert.Contains("adds the cluster DNS 10.96.0.10", patch.TradeOffs[0], StringComparison.Ordinal);
    }

    [Fact]
    public void MuslRace_DnsConfigRetriesFirstThenGlibcImage()
    {
        var f = Critical().First(f => f.Code == "musl-conntrack-race");
        var patches = f.Fixes.Where(x => x.Patch is not null).ToList();
        Assert.Equal([DnsPatchBuilder.DnsConfigTitle, "glibc image"], patches.Select(p => p.Title));
        Assert.Contains("- name: attempts\n          value: \"5\"", patches[0].Patch, StringComparison.Ordinal);
        Assert.Contains("a lost reply costs 1 s instead of 2.5 s", patches[0].TradeOffs[0], StringComparison.Ordinal);
        Assert.Equal("kubectl -n shop set image deployment/php app=php:7.4-fpm", patches[1].Command);
        Assert.Contains("image: php:7.4-fpm\n", patches[1].Patch, StringComparison.Ordinal);
    }

    [Fact]
    public void EgressToNodeLocal_NetworkPolicyApplied()
    {
        var f = Critical().First(f => f.Code == "egress-blocks-nodelocal-dns");
        var patch = f.Fixes.First(x => x.Patch is not null);
        Assert.Equal("NetworkPolicy web/allow-node-local-dns", patch.Target);
        Assert.Contains("cidr: 169.254.20.10/32", patch.Patch, StringComparison.Ordinal);
        Assert.StartsWith("kubectl apply -f - <<'EOF'\n", patch.Command, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("php:7.4-fpm-alpine", "php:7.4-fpm")]
    [InlineData("node:18-alpine", "node:18")]
    [InlineData("python:3.12-alpine3.19", "python:3.12")]
    [InlineData("redis:alpine", "redis:latest")]
    [InlineData("registry:5000/team/app:1.0-alpine", "registry:5000/team/app:1.0")]
    [InlineData("alpine:3.19", null)]
    [InlineData("k8s.gcr.io/ingress-nginx/controller:v0.44.0", null)]
    [InlineData("php", null)]
    public void GlibcVariant_AlpineTagDropped(string image, string? expected) =>
        Assert.Equal(expected, DnsCriticalFixes.GlibcVariant(image));
}
