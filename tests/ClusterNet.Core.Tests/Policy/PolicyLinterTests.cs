using ClusterNet.Core.Findings;
using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using static ClusterNet.Core.Tests.Policy.Np;

namespace ClusterNet.Core.Tests.Policy;

public sealed class PolicyLinterTests
{
    private static string FixText(Finding f) => string.Join("\n", f.Fixes.SelectMany(x => new[] { x.Title, x.Patch, x.Command }).OfType<string>());

    private static List<Finding> Lint(IEnumerable<IClusterObject> objects) =>
        [.. PolicyLinter.Lint(PolicyEngine.Build(ClusterSnapshot.Create(new SourceInfo("file", "t"), objects)))];

    private static List<Finding> Lint(params NetworkPolicyInfo[] policies) => Lint(ConformanceModel.Objects().Concat(policies));

    [Fact]
    public void Lint_PolicySelectsNoPod_Reported()
    {
        var f = Lint(NetPol("x", "ghost", Sel(("app", "nothing")), ingress: [])).Single(x => x.Code == "selects-no-pod");
        Assert.Equal("NetworkPolicy x/ghost", f.Subject);
        Assert.Contains("kubectl get pods -n x", FixText(f));
    }

    [Fact]
    public void Lint_NamespaceSelectorMatchesNothing_ReportedWithField()
    {
        var f = Lint(NetPol("x", "p", All, ingress: [From(Namespaces(Sel(("team", "none"))))])).Single(x => x.Code == "selector-matches-nothing");
        Assert.Equal("spec.ingress[0].from[0].namespaceSelector", f.Field);
        Assert.Contains("kubectl label namespace", FixText(f));
    }

    [Fact]
    public void Lint_PodSelectorMatchesNothingInOwnNamespace_Reported()
    {
        var f = Lint(NetPol("x", "p", All, ingress: [From(Pods(Sel(("pod", "zzz"))))])).Single(x => x.Code == "selector-matches-nothing");
        Assert.Equal("spec.ingress[0].from[0].podSelector", f.Field);
    }

    [Fact]
    public void Lint_NamedPortUndefined_Reported_DefinedNotReported()
    {
        Assert.Contains(Lint(NetPol("x", "p", All, ingress: [Ports(Port("http"))])), x => x.Code == "named-port-undefined" && x.Field == "spec.ingress[0].ports[0].port");
        Assert.DoesNotContain(Lint(NetPol("x", "p", All, ingress: [Ports(Port("serve-80-tcp"))])), x => x.Code == "named-port-undefined");
    }

    [Fact]
    public void Lint_IpBlockOverlapsPodNetwork_UsesNodePodCidrs()
    {
        var f = Lint(NotesCluster.Objects(NotesCluster.Allow80Ingress)).Single(x => x.Code == "ipblock-overlaps-pod-network");
        Assert.Contains("10.244.0.0/16", f.Message);
        Assert.Contains("10.244.1.0/24", f.Message);
        Assert.DoesNotContain(Lint(NotesCluster.Objects(NetPol("dev", "ext", All, ingress: [From(Ip("203.0.113.0/24"))]))), x => x.Code == "ipblock-overlaps-pod-network");
    }

    [Fact]
    public void Lint_EgressDenyAll_BlocksDnsToKubeDns()
    {
        var objects = ConformanceModel.Objects().Append(KubeDns()).Append(NetPol("x", "deny-egress", All, egress: []));
        var f = Lint(objects).Single(x => x.Code == "egress-blocks-dns");
        Assert.Contains("3 pod(s)", f.Message);
        Assert.Contains("53/UDP", f.Message);
        Assert.Contains("k8s-app: kube-dns", FixText(f));
    }

    [Fact]
    public void Lint_EgressAllowsKubeDns_NoFinding_UnlessNodeLocalDns()
    {
        var allowDns = NetPol("x", "allow-dns", All, egress: [Rule([NsAndPods(NsName("kube-system"), Sel(("k8s-app", "kube-dns")))], [Port(53, "UDP"), Port(53, "TCP")])]);
        var objects = ConformanceModel.Objects().Append(KubeDns()).Append(allowDns).ToList();
        Assert.DoesNotContain(Lint(objects), x => x.Code == "egress-blocks-dns");
        objects.Add(new WorkloadInfo { Kind = "DaemonSet", Namespace = "kube-system", Name = "node-local-dns" });
        var f = Lint(objects).Single(x => x.Code == "egress-blocks-dns");
        Assert.Contains("169.254.20.10", f.Message);
        Assert.Contains("cidr: 169.254.20.10/32", FixText(f));
    }

    [Fact]
    public void Lint_NodeLocalDnsIptablesMode_EgressMustAdmitTheServiceIpPodsKeep()
    {
        // iptables mode: the cache binds the kube-dns Service IP too and kubelet keeps it, so pods send DNS to 10.96.0.10,
        // answered on the node without DNAT; opening only the link-local address leaves their lookups blocked.
        var allowDns = NetPol("x", "allow-dns", All, egress: [Rule([NsAndPods(NsName("kube-system"), Sel(("k8s-app", "kube-dns"))), Ip("169.254.20.10/32")], [Port(53, "UDP"), Port(53, "TCP")])]);
        var objects = ConformanceModel.Objects().Append(KubeDns()).Append(allowDns).ToList();
        objects.Add(new ServiceInfo { Namespace = "kube-system", Name = "kube-dns", ClusterIps = ["10.96.0.10"] });
        objects.Add(new WorkloadInfo
        {
            Kind = "DaemonSet", Namespace = "kube-system", Name = "node-local-dns",
            Containers = [new ContainerInfo { Name = "node-cache", Command = ["-localip", "169.254.20.10,10.96.0.10", "-conf", "/etc/Corefile"] }],
        });

        var f = Lint(objects).Single(x => x.Code == "egress-blocks-dns");
        Assert.Contains("10.96.0.10", f.Message);
        Assert.DoesNotContain("on 169.254.20.10", f.Message);
        Assert.Contains("cidr: 10.96.0.10/32", FixText(f));
        Assert.Contains("cidr: 169.254.20.10/32", FixText(f));
    }

    [Fact]
    public void Lint_FlannelAlone_PoliciesIgnored()
    {
        var flannel = new WorkloadInfo { Kind = "DaemonSet", Namespace = "kube-flannel", Name = "kube-flannel-ds" };
        Assert.Contains(Lint(ConformanceModel.Objects().Append(flannel).Append(NetPol("x", "p", All, ingress: []))), x => x.Code == "cni-enforces-no-policy");
        var canal = new WorkloadInfo { Kind = "DaemonSet", Namespace = "kube-system", Name = "canal" };
        Assert.DoesNotContain(Lint(ConformanceModel.Objects().Append(flannel).Append(canal).Append(NetPol("x", "p", All, ingress: []))), x => x.Code == "cni-enforces-no-policy");
        Assert.DoesNotContain(Lint(ConformanceModel.Objects().Append(flannel)), x => x.Code == "cni-enforces-no-policy");
    }

    [Fact]
    public void Lint_DuplicateAndShadowedRules_Reported()
    {
        var dup = Lint(
            NetPol("x", "a", All, ingress: [From(Pods(Sel(("pod", "b"))))]),
            NetPol("x", "b", All, ingress: [From(Pods(Sel(("pod", "b"))))]));
        Assert.Single(dup, x => x.Code == "duplicate-rule");
        var shadow = Lint(NetPol("x", "p", All, ingress: [Rule([Pods(Sel(("pod", "b")))], [Port(80, "TCP")]), From(Pods(All))]));
        var f = Assert.Single(shadow, x => x.Code == "shadowed-rule");
        Assert.Equal("spec.ingress[0]", f.Field);
    }

    private static PodInfo KubeDns() => new()
    {
        Namespace = "kube-system",
        Name = "coredns-1",
        Labels = LabelMap.Of(("k8s-app", "kube-dns")),
        PodIps = ["10.244.9.9"],
        Containers = [new ContainerInfo { Name = "coredns", Ports = [new ContainerPortInfo("dns", 53, "UDP"), new ContainerPortInfo("dns-tcp", 53, "TCP")] }],
    };
}
