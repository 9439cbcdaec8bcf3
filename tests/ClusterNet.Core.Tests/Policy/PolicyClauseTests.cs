using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using static ClusterNet.Core.Tests.Policy.Np;

namespace ClusterNet.Core.Tests.Policy;

/// <summary>One test (or table) per clause of the v1 semantics, asserting verdicts and the reasons given.</summary>
public sealed class PolicyClauseTests
{
    private static readonly ReachProbe Tcp80 = ReachProbe.Tcp(80);

    private static PolicyEngine Engine(params NetworkPolicyInfo[] policies) => PolicyEngine.Build(ConformanceModel.Snapshot([], policies));

    private static ReachExplanation Explain(PolicyEngine e, string from, string to, ReachProbe? probe = null) =>
        e.Explain(ReachEndpoint.OfPod(ObjectKey.Parse(from)), ReachEndpoint.OfPod(ObjectKey.Parse(to)), probe ?? Tcp80);

    [Theory]
    [InlineData("In", new[] { "b" }, "x/b", true)]
    [InlineData("In", new[] { "b" }, "x/c", false)]
    [InlineData("NotIn", new[] { "b" }, "x/b", false)]
    [InlineData("NotIn", new[] { "b" }, "x/c", true)]
    [InlineData("Exists", new string[0], "x/c", true)]
    [InlineData("DoesNotExist", new string[0], "x/c", false)]
    [InlineData("Bogus", new[] { "b" }, "x/b", false)]
    public void Explain_MatchExpressionOperators_FollowApimachinery(string op, string[] values, string from, bool allowed)
    {
        var e = Engine(NetPol("x", "p", Sel(("pod", "a")), ingress: [From(Pods(Expr("pod", op, values)))]));
        Assert.Equal(allowed, Explain(e, from, "x/a").Allowed);
    }

    [Fact]
    public void Explain_NotInOnMissingLabel_Matches()
    {
        var e = Engine(NetPol("x", "p", Sel(("pod", "a")), ingress: [From(Pods(Expr("tier", "NotIn", "db")))]));
        Assert.True(Explain(e, "x/b", "x/a").Allowed);
    }

    [Fact]
    public void Explain_PolicyTypesAbsentWithEgressRules_DefaultsToIngressAndEgress()
    {
        var p = new NetworkPolicyInfo { Namespace = "x", Name = "p", PodSelector = Sel(("pod", "a")), Egress = [Rule([Pods(Sel(("pod", "b")))])] };
        var e = Engine(p);
        Assert.False(Explain(e, "y/a", "x/a").Allowed); // ingress isolated by default, no ingress rules
        Assert.False(Explain(e, "x/a", "x/c").Allowed); // egress isolated: only pod=b
        Assert.True(Explain(e, "x/a", "x/b").Allowed);
    }

    [Fact]
    public void Explain_PolicyTypesAbsentAndNoRules_OnlyIngressIsolated()
    {
        var p = new NetworkPolicyInfo { Namespace = "x", Name = "p", PodSelector = Sel(("pod", "a")), Egress = [] };
        var e = Engine(p);
        Assert.False(Explain(e, "y/a", "x/a").Allowed);
        var outbound = Explain(e, "x/a", "y/a");
        Assert.True(outbound.Allowed);
        Assert.False(outbound.Egress.Isolated);
    }

    [Fact]
    public void Explain_EmptyIngressRule_AllowsAll_AbsentRulesDenyAll()
    {
        Assert.True(Explain(Engine(NetPol("x", "p", All, ingress: [Rule()])), "y/a", "x/a").Allowed);
        Assert.False(Explain(Engine(NetPol("x", "p", All, ingress: [])), "y/a", "x/a").Allowed);
        var typesOnly = new NetworkPolicyInfo { Namespace = "x", Name = "p", PolicyTypes = ["Ingress"] };
        Assert.False(Explain(Engine(typesOnly), "y/a", "x/a").Allowed);
    }

    [Fact]
    public void Explain_EgressOnlyPolicy_DoesNotIsolateIngress()
    {
        var e = Engine(NetPol("x", "p", All, egress: []));
        var r = Explain(e, "y/a", "x/a");
        Assert.True(r.Allowed);
        Assert.False(r.Ingress.Isolated);
    }

    [Fact]
    public void Explain_PodSelectorAlone_MeansPolicyNamespaceAndSaysSo()
    {
        var e = Engine(NetPol("x", "p", Sel(("pod", "a")), ingress: [From(Pods(Sel(("pod", "b"))))]));
        var r = Explain(e, "y/b", "x/a");
        Assert.False(r.Allowed);
        Assert.Contains(r.Ingress.Rules.Single().Reasons, s => s.Contains("policy's namespace x") && s.Contains("y/b is in y"));
    }

    [Fact]
    public void Explain_SelectorMismatch_NamesTheDifferingLabel()
    {
        var e = Engine(NetPol("x", "p", Sel(("pod", "a")), ingress: [From(NsAndPods(NsName("y"), Sel(("pod", "b"))))]));
        var wrongPod = Explain(e, "y/c", "x/a");
        Assert.Contains(wrongPod.Ingress.Rules.Single().Reasons, s => s.Contains("y/c has pod=c, needs pod=b"));
        var wrongNs = Explain(e, "z/b", "x/a");
        Assert.Contains(wrongNs.Ingress.Rules.Single().Reasons, s => s.Contains("namespace z has kubernetes.io/metadata.name=z, needs kubernetes.io/metadata.name=y"));
    }

    [Fact]
    public void Explain_PortMismatch_SaysWhichPortsTheRuleAllows()
    {
        var e = Engine(NetPol("x", "p", Sel(("pod", "a")), ingress: [Ports(Port(443, "TCP"), Port(53, "UDP"))]));
        var r = Explain(e, "y/a", "x/a");
        Assert.False(r.Allowed);
        var reasons = r.Ingress.Rules.Single().Reasons;
        Assert.Contains(reasons, s => s.Contains("TCP 443 does not include TCP 80"));
        Assert.Contains(reasons, s => s.Contains("UDP 53 is not TCP"));
    }

    [Fact]
    public void Explain_NamedPortUndefinedOnDestination_SaysSo()
    {
        var e = Engine(NetPol("x", "p", Sel(("pod", "a")), ingress: [Ports(Port("http"))]));
        var r = Explain(e, "y/a", "x/a");
        Assert.Contains(r.Ingress.Rules.Single().Reasons, s => s.Contains("x/a defines no TCP container port named http"));
    }

    [Fact]
    public void Explain_NamedPortWithOtherProtocol_DoesNotResolve()
    {
        var e = Engine(NetPol("x", "p", Sel(("pod", "a")), ingress: [Ports(Port("serve-80-udp", "TCP"))]));
        Assert.False(Explain(e, "y/a", "x/a").Allowed);
        var udp = Engine(NetPol("x", "p", Sel(("pod", "a")), ingress: [Ports(Port("serve-80-udp", "UDP"))]));
        Assert.True(Explain(udp, "y/a", "x/a", new ReachProbe(80, "UDP")).Allowed);
    }

    [Fact]
    public void Explain_ExceptRange_ReasonNamesTheExcept()
    {
        var e = Engine(NetPol("x", "p", Sel(("pod", "a")), ingress: [From(Ip("10.244.0.0/16", "10.244.2.0/24"))]));
        var r = Explain(e, "y/b", "x/a");
        Assert.False(r.Allowed);
        Assert.Contains(r.Ingress.Rules.Single().Reasons, s => s.Contains("10.244.2.2 is in the except range 10.244.2.0/24"));
    }

    [Fact]
    public void Explain_IpBlockContainsPodIp_DependsOnImplementationButConformanceAllowed()
    {
        var e = Engine(NetPol("x", "p", Sel(("pod", "a")), ingress: [From(Ip("10.244.0.0/16"))]));
        var r = Explain(e, "y/b", "x/a");
        Assert.True(r.Allowed);
        Assert.Equal(ReachVerdict.DependsOnImplementation, r.Verdict);
        Assert.Contains("implementation-defined", r.Caveat);
        Assert.True(r.Ingress.Admitting!.ViaIpBlock);
    }

    [Fact]
    public void Explain_SelectorAndIpBlockBothAdmit_SelectorWinsNoCaveat()
    {
        var e = Engine(NetPol("x", "p", Sel(("pod", "a")), ingress: [From(Ip("10.244.0.0/16")), From(Namespaces(All))]));
        var r = Explain(e, "y/b", "x/a");
        Assert.Equal(ReachVerdict.Allowed, r.Verdict);
        Assert.Equal(1, r.Ingress.Admitting!.RuleIndex);
    }

    [Fact]
    public void Explain_ExternalIp_IpBlockDecidesWithoutCaveat()
    {
        var e = Engine(NetPol("x", "p", Sel(("pod", "a")), ingress: [From(Ip("203.0.113.0/24", "203.0.113.7/32"))]));
        var ok = e.Explain(ReachEndpoint.External("203.0.113.5"), ReachEndpoint.OfPod("x", "a"), Tcp80);
        Assert.Equal(ReachVerdict.Allowed, ok.Verdict);
        Assert.False(ok.Egress.Applies);
        var excepted = e.Explain(ReachEndpoint.External("203.0.113.7"), ReachEndpoint.OfPod("x", "a"), Tcp80);
        Assert.Equal(ReachVerdict.Denied, excepted.Verdict);
        var selectorOnly = Engine(NetPol("x", "p", Sel(("pod", "a")), ingress: [From(Namespaces(All))]));
        var r = selectorOnly.Explain(ReachEndpoint.External("198.51.100.1"), ReachEndpoint.OfPod("x", "a"), Tcp80);
        Assert.False(r.Allowed);
        Assert.Contains(r.Ingress.Rules.Single().Reasons, s => s.Contains("is not a pod"));
    }

    [Fact]
    public void Explain_EgressToExternalIp_JudgedByEgressOnly()
    {
        var e = Engine(NetPol("x", "p", Sel(("pod", "a")), egress: [From(Ip("8.8.8.0/24"))]));
        Assert.True(e.Explain(ReachEndpoint.OfPod("x", "a"), ReachEndpoint.External("8.8.8.8"), ReachProbe.Parse("53/UDP")).Allowed);
        Assert.False(e.Explain(ReachEndpoint.OfPod("x", "a"), ReachEndpoint.External("1.1.1.1"), ReachProbe.Parse("53/UDP")).Allowed);
    }

    [Fact]
    public void Explain_SelfTraffic_AlwaysAllowed()
    {
        var r = Explain(Engine(NetPol("x", "deny", All, ingress: [], egress: [])), "x/a", "x/a");
        Assert.True(r.Allowed);
        Assert.Equal(ReachVerdict.Allowed, r.Verdict);
        Assert.Contains("itself", r.Summary);
    }

    [Fact]
    public void Explain_AdditiveAcrossPolicies_SecondPolicyAdmits()
    {
        var e = Engine(
            NetPol("x", "only-b", Sel(("pod", "a")), ingress: [From(Pods(Sel(("pod", "b"))))]),
            NetPol("x", "only-c", Sel(("pod", "a")), ingress: [From(Pods(Sel(("pod", "c"))))]));
        var r = Explain(e, "x/c", "x/a");
        Assert.True(r.Allowed);
        Assert.Equal(new ObjectKey("x", "only-c"), r.Ingress.Admitting!.Policy);
        Assert.Equal(2, r.Ingress.SelectingPolicies.Length);
    }

    [Fact]
    public void Explain_HostNetworkDestination_NotIsolatedWithCaveat()
    {
        var objects = ConformanceModel.Objects().Select(o => o is PodInfo { Namespace: "x", Name: "a" } p ? p with { HostNetwork = true, PodIps = ["192.168.0.10"] } : o);
        var e = PolicyEngine.Build(ClusterSnapshot.Create(new SourceInfo("file", "t"), objects.Append(NetPol("x", "deny", All, ingress: []))));
        var r = Explain(e, "y/a", "x/a");
        Assert.True(r.Allowed);
        Assert.False(r.Ingress.Applies);
        Assert.Equal(ReachVerdict.DependsOnImplementation, r.Verdict);
        Assert.Contains("hostNetwork", r.Caveat);
        Assert.False(Explain(e, "y/a", "x/b").Allowed);
        Assert.Equal(ReachVerdict.DependsOnImplementation, e.ComputeMatrix([Tcp80]).VerdictOf(e.IndexOf(new("y", "a")), e.IndexOf(new("x", "a")), 0));
    }

    [Fact]
    public void Explain_DeniedSummary_LeadsWithVerdictAndPolicy()
    {
        var r = Explain(Engine(NetPol("x", "deny-all-ingress", All, ingress: [])), "y/a", "x/a");
        Assert.Equal("Denied: x/a is isolated for ingress by deny-all-ingress; no rule admits from y/a on TCP 80.", r.Summary);
        Assert.Equal(ReachVerdict.Denied, r.Verdict);
    }

    [Fact]
    public void Explain_TestCommands_NcAndCurlWithDestinationIp()
    {
        var r = Explain(Engine(), "y/a", "x/b");
        Assert.Equal("kubectl exec -n y a -- nc -zv -w 2 10.244.1.2 80", r.TestCommands[0]);
        Assert.Contains("curl", r.TestCommands[1]);
        var udp = Explain(Engine(), "y/a", "x/b", ReachProbe.Parse("53/udp"));
        Assert.Equal("kubectl exec -n y a -- nc -zuv -w 2 10.244.1.2 53", udp.TestCommands.Single());
    }

    [Fact]
    public void Explain_UnknownPod_Throws()
    {
        Assert.Throws<ArgumentException>(() => Explain(Engine(), "q/a", "x/a"));
    }

    [Theory]
    [InlineData("80/TCP", 80, "TCP")]
    [InlineData("53/udp", 53, "UDP")]
    [InlineData("9000", 9000, "TCP")]
    [InlineData("38412/SCTP", 38412, "SCTP")]
    public void ReachProbe_TryParse_Valid(string text, int port, string proto)
    {
        Assert.True(ReachProbe.TryParse(text, out var p, out _));
        Assert.Equal(new ReachProbe(port, proto), p);
    }

    [Theory]
    [InlineData("0/TCP")]
    [InlineData("70000/TCP")]
    [InlineData("80/ICMP")]
    [InlineData("http/TCP")]
    [InlineData("")]
    public void ReachProbe_TryParse_Invalid(string text)
    {
        Assert.False(ReachProbe.TryParse(text, out _, out var error));
        Assert.NotEmpty(error);
    }
}
