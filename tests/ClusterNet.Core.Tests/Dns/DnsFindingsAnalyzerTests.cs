using ClusterNet.Core.Dns;
using ClusterNet.Core.Findings;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Tests.Dns;

public sealed class DnsFindingsAnalyzerTests
{
    private static readonly ServiceInfo KubeDns = new()
    {
        Namespace = "kube-system", Name = "kube-dns", ClusterIps = ["10.96.0.10"], Selector = LabelMap.Of(("k8s-app", "kube-dns")),
    };

    private static PodInfo Pod(string ns, string name, string image, string? rs = null, string hash = "5d8f7c9b6", string node = "node-1", PodDnsConfig? dns = null, ContainerInfo? extra = null) => new()
    {
        Namespace = ns,
        Name = name,
        NodeName = node,
        Phase = "Running",
        Labels = rs is null ? LabelMap.Of(("app", name)) : LabelMap.Of(("app", rs), ("pod-template-hash", hash)),
        Owner = rs is null ? null : new OwnerRef("ReplicaSet", $"{rs}-{hash}"),
        Containers = extra is null ? [new ContainerInfo { Name = "app", Image = image }] : [new ContainerInfo { Name = "app", Image = image }, extra],
        DnsConfig = dns,
    };

    private static FindingFix Patch(Finding f) => f.Fixes.First(x => x.Patch is not null);

    private static NodeInfo Node(string name, string kernel) => new() { Name = name, KernelVersion = kernel };

    private static ClusterSnapshot Snapshot(params IClusterObject[] objects) => ClusterSnapshot.Create(new SourceInfo("demo", "test"), [KubeDns, .. objects]);

    [Fact]
    public void Analyze_AlpinePhpOnOldKernel_CriticalRaceAndNdotsCostWithPatchForDeployment()
    {
        var snapshot = Snapshot(
            Node("node-1", "3.10.0-1127.el7.x86_64"),
            Pod("shop", "php-5d8f7c9b6-abcde", "php:7.4-fpm-alpine", rs: "php"),
            Pod("shop", "php-5d8f7c9b6-fghij", "php:7.4-fpm-alpine", rs: "php"));
        var report = DnsFindingsAnalyzer.Analyze(snapshot, DnsClusterSettings.Default with { NodeSearch = ["localdomain"] });

        var race = Assert.Single(report.Findings, f => f.Code == "musl-conntrack-race");
        Assert.Equal(Severity.Critical, race.Severity);
        Assert.Equal("Deployment shop/php", race.Subject);
        Assert.Equal(2, race.Affected.Length);
        Assert.Contains(race.Evidence, e => e.Contains("3.10.0", StringComparison.Ordinal));

        var cost = Assert.Single(report.Findings, f => f.Code == "ndots-search-cost");
        Assert.Contains("costs 10 DNS packets", cost.Message, StringComparison.Ordinal);
        var patch = Patch(cost);
        Assert.Equal("Deployment shop/php", patch.Target);
        Assert.Contains("kubectl -n shop patch deployment php --type strategic", patch.Command, StringComparison.Ordinal);
        Assert.Contains("- name: ndots\n          value: \"2\"", patch.Patch, StringComparison.Ordinal);
        // musl never falls back to the search list for names with ≥ ndots dots.
        Assert.Contains("kubernetes.default.svc", patch.StopsWorking);
        Assert.Contains(patch.TradeOffs, t => t.StartsWith("kubernetes.default.svc: ", StringComparison.Ordinal) && t.EndsWith("resolves yes → NO", StringComparison.Ordinal));
        Assert.Equal("musl-conntrack-race", report.Findings[0].Code);
    }

    [Fact]
    public void Analyze_GlibcPatch_NothingStopsWorking()
    {
        var report = DnsFindingsAnalyzer.Analyze(Snapshot(Node("node-1", "5.15.0"), Pod("shop", "api-5d8f7c9b6-x", "python:3.12-slim", rs: "api")));
        var cost = Assert.Single(report.Findings, f => f.Code == "ndots-search-cost");
        Assert.Empty(Patch(cost).StopsWorking);
        Assert.Contains("www.example.com: 8 → 2 packets, resolves yes → yes", Patch(cost).TradeOffs);
        Assert.DoesNotContain(report.Findings, f => f.Code == "musl-conntrack-race");
    }

    [Fact]
    public void Analyze_MuslWithSingleRequestReopen_IgnoredOptionAndPatchDropsIt()
    {
        var dns = new PodDnsConfig { Options = [new DnsOption("single-request-reopen")] };
        var report = DnsFindingsAnalyzer.Analyze(Snapshot(Node("node-1", "5.10.0"), Pod("shop", "php-5d8f7c9b6-a", "php:7.4-fpm-alpine", rs: "php", dns: dns)));
        var ignored = Assert.Single(report.Findings, f => f.Code == "ignored-option");
        Assert.Contains("single-request-reopen", ignored.Message, StringComparison.Ordinal);
        var race = Assert.Single(report.Findings, f => f.Code == "musl-conntrack-race");
        Assert.Equal(Severity.Warning, race.Severity);
        var patch = Patch(report.Findings.Single(f => f.Code == "ndots-search-cost"));
        Assert.DoesNotContain("single-request-reopen", patch.Patch, StringComparison.Ordinal);
        Assert.Contains("Dropped single-request-reopen", patch.TradeOffs[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_PostStartEchoIntoResolvConf_RewriteFindingWithDnsConfigPatch()
    {
        var pod = Pod("shop", "php-5d8f7c9b6-a", "php:7.4-fpm", rs: "php") with
        {
            Containers = [new ContainerInfo { Name = "app", Image = "php:7.4-fpm", LifecycleCommands = ["/bin/sh", "-c", "/bin/echo 'options single-request-reopen' >> /etc/resolv.conf"] }],
        };
        var report = DnsFindingsAnalyzer.Analyze(Snapshot(pod));
        var rewrite = Assert.Single(report.Findings, f => f.Code == "resolv-conf-rewrite");
        Assert.Contains("lifecycle hook", rewrite.Message, StringComparison.Ordinal);
        Assert.Contains("- name: single-request-reopen", Patch(rewrite).Patch, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_SedInInitContainer_ExplainsBindMount()
    {
        var init = new ContainerInfo { Name = "fix-dns", Image = "alpine", IsInit = true, Command = ["/bin/sh", "-c", "sed -i 's/options ndots:5/#options ndots:5/g' /etc/resolv.conf"] };
        var report = DnsFindingsAnalyzer.Analyze(Snapshot(Pod("shop", "web", "nginx:1.25", extra: init)));
        var rewrite = Assert.Single(report.Findings, f => f.Code == "resolv-conf-rewrite");
        Assert.Contains("init container", rewrite.Message, StringComparison.Ordinal);
        Assert.Contains(rewrite.Evidence, e => e.Contains("Device or resource busy", StringComparison.Ordinal));
        Assert.Equal("Pod shop/web", rewrite.Subject);
    }

    [Fact]
    public void Analyze_NodeLocalDnsAndPolicyAllowingOnlyKubeDnsPods_CriticalEgressFinding()
    {
        var dnsPod = new PodInfo { Namespace = "kube-system", Name = "coredns-1", Labels = LabelMap.Of(("k8s-app", "kube-dns")), PodIps = ["10.244.0.5"], Phase = "Running" };
        var app = Pod("shop", "web", "nginx:1.25") with { PodIps = ["10.244.1.7"] };
        var policy = new NetworkPolicyInfo
        {
            Namespace = "shop",
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
        var nodeLocal = new WorkloadInfo { Kind = "DaemonSet", Namespace = "kube-system", Name = "node-local-dns" };
        var report = DnsFindingsAnalyzer.Analyze(Snapshot(dnsPod, app, policy, nodeLocal, new NamespaceInfo { Name = "shop" }, new NamespaceInfo { Name = "kube-system" }));
        var egress = Assert.Single(report.Findings, f => f.Code == "egress-blocks-nodelocal-dns");
        Assert.Equal(Severity.Critical, egress.Severity);
        Assert.Contains("169.254.20.10/32", DnsFindingDto.From(egress).Fix, StringComparison.Ordinal);
        Assert.Contains(egress.Evidence, e => e.Contains("shop/allow-dns-only", StringComparison.Ordinal));
    }

    [Fact]
    public void Analyze_CorefileWithoutCacheAndLargeClusterWithoutNodeLocal_ClusterFindings()
    {
        var corefile = new ConfigMapInfo { Namespace = "kube-system", Name = "coredns", Data = LabelMap.Of(("Corefile", ".:53 {\n  errors\n  kubernetes cluster.local\n  forward . /etc/resolv.conf\n}\n")) };
        var nodes = Enumerable.Range(0, 60).Select(i => (IClusterObject)Node($"n{i}", "5.15.0")).ToArray();
        var report = DnsFindingsAnalyzer.Analyze(Snapshot([corefile, .. nodes]));
        Assert.Contains(report.Findings, f => f.Code == "coredns-no-cache" && DnsFindingDto.From(f).Scope == "cluster");
        Assert.Contains(report.Findings, f => f.Code == "coredns-no-autopath");
        Assert.Contains(report.Findings, f => f.Code == "no-nodelocal-dnscache" && f.Message.StartsWith("60 nodes", StringComparison.Ordinal));
    }

    [Fact]
    public void Analyze_HostNetworkClusterFirst_Warns()
    {
        var pod = Pod("kube-system", "agent", "debian:12") with { HostNetwork = true };
        var report = DnsFindingsAnalyzer.Analyze(Snapshot(pod));
        Assert.Contains(report.Findings, f => f.Code == "hostnetwork-clusterfirst");
        Assert.DoesNotContain(report.Findings, f => f.Code == "ndots-search-cost");
    }

    [Fact]
    public void Resolve_ReplicaSetWithoutHashLabel_FindsDeploymentByPrefix()
    {
        var pod = new PodInfo { Namespace = "shop", Name = "web-abc-x", Owner = new OwnerRef("ReplicaSet", "web-abc") };
        var snapshot = Snapshot(new WorkloadInfo { Kind = "Deployment", Namespace = "shop", Name = "web" });
        Assert.Equal(new DnsWorkloadRef("Deployment", "shop", "web"), DnsOwnerResolver.Resolve(pod, snapshot));
        Assert.Equal(new DnsWorkloadRef("StatefulSet", "db", "pg"), DnsOwnerResolver.Resolve(new PodInfo { Namespace = "db", Name = "pg-0", Owner = new OwnerRef("StatefulSet", "pg") }));
    }
}
