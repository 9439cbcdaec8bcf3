using ClusterNet.Core.Policy;
using static ClusterNet.Core.Tests.Policy.Np;

namespace ClusterNet.Core.Tests.Policy;

/// <summary>
/// The upstream NetworkPolicy conformance cases (test/e2e/network/netpol/network_policy.go), re-expressed as truth tables
/// over the x/y/z × a/b/c model and checked against the matrix, the one-pod query, the explainer and the naive evaluator.
/// </summary>
public sealed class ConformanceScenarioTests
{
    private static readonly ReachProbe Tcp80 = ReachProbe.Tcp(80);
    private static readonly ReachProbe Tcp81 = ReachProbe.Tcp(81);

    private static void Check(string[] pods, ReachProbe probe, Action<TruthTable> expect, params Core.Model.NetworkPolicyInfo[] policies)
    {
        var table = new TruthTable(pods);
        expect(table);
        table.Verify(ConformanceModel.Snapshot(pods, policies), probe);
    }

    [Theory]
    [InlineData("TCP")]
    [InlineData("UDP")]
    [InlineData("SCTP")]
    public void DefaultDenyIngress_AllProtocols_BlocksEverythingIntoX(string proto)
    {
        Check(["x/a", "x/b", "y/a", "y/b"], new ReachProbe(80, proto), t => t.ExpectPeer(null, null, "x", null, false),
            NetPol("x", "deny-ingress", All, ingress: []));
    }

    [Fact]
    public void DefaultDenyAll_IngressAndEgress_IsolatesXBothWays()
    {
        Check(["x/a", "x/b", "y/a"], Tcp80, t => t.ExpectPeer(null, null, "x", null, false).ExpectPeer("x", null, null, null, false),
            NetPol("x", "deny-all", All, ingress: [], egress: []));
    }

    [Fact]
    public void PodSelectorPeer_SameNamespace_AllowsOnlyXb()
    {
        Check(["x/a", "x/b", "x/c", "y/a"], Tcp80, t => t.ExpectAllIngress("x/a", false).Expect("x/b", "x/a", true),
            NetPol("x", "x-a-allows-x-b", Sel(("pod", "a")), ingress: [From(Pods(Sel(("pod", "b"))))]));
    }

    [Fact]
    public void DenyAllPlusAllowAllToA_Stacked_OnlyAReachable()
    {
        Check(["x/a", "x/b", "y/a"], Tcp80, t => t.ExpectAllIngress("x/a", true).ExpectAllIngress("x/b", false),
            NetPol("x", "deny-all", All, ingress: []),
            NetPol("x", "allow-all-to-a", Sel(("pod", "a")), ingress: [From(NsAndPods(All, All))]));
    }

    [Fact]
    public void EmptyNamespaceSelector_AllNamespaces_AllowsEverything()
    {
        Check(["x/a", "x/b", "y/a", "z/a"], Tcp80, _ => { },
            NetPol("x", "allow-from-another-ns", Sel(("pod", "a")), ingress: [From(Namespaces(All))]));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void NamespaceSelector_MatchLabelsOrExpression_AllowsOnlyY(bool expression)
    {
        var sel = expression ? Expr("kubernetes.io/metadata.name", "In", "y") : NsName("y");
        Check(["x/a", "x/b", "y/a", "z/a"], Tcp80, t => t.ExpectPeer("x", null, "x", "a", false).ExpectPeer("z", null, "x", "a", false),
            NetPol("x", "allow-client-a-via-ns-selector", Sel(("pod", "a")), ingress: [From(Namespaces(sel))]));
    }

    [Fact]
    public void PodSelectorMatchExpressions_In_AllowsXb()
    {
        Check(["x/a", "x/b", "y/a"], Tcp80, t => t.ExpectAllIngress("x/a", false).Expect("x/b", "x/a", true),
            NetPol("x", "x-a-allows-x-b", Sel(("pod", "a")), ingress: [From(Pods(Expr("pod", "In", "b")))]));
    }

    [Fact]
    public void PodSelectorOrNamespaceSelector_TwoPeers_AreOred()
    {
        Check(["x/a", "x/b", "x/c", "y/a"], Tcp80, t => t.Expect("x/a", "x/a", false).Expect("x/c", "x/a", false),
            NetPol("x", "allow-ns-y-match-selector", Sel(("pod", "a")),
                ingress: [From(Namespaces(Expr("kubernetes.io/metadata.name", "NotIn", "x")), Pods(Sel(("pod", "b"))))]));
    }

    [Fact]
    public void PodSelectorAndNamespaceSelector_OnePeer_AreAnded()
    {
        Check(["x/a", "x/b", "y/a", "y/b", "z/b"], Tcp80,
            t => t.ExpectAllIngress("x/a", false).Expect("y/b", "x/a", true).Expect("z/b", "x/a", true),
            NetPol("x", "allow-ns-y-podselector-and-nsselector", Sel(("pod", "a")),
                ingress: [From(NsAndPods(Expr("kubernetes.io/metadata.name", "NotIn", "x"), Sel(("pod", "b"))))]));
    }

    [Fact]
    public void MultiplePodSelectorsAndNamespaceSelectors_InBC_NotInX()
    {
        Check(["x/a", "x/b", "y/a", "y/b", "y/c"], Tcp80,
            t => t.ExpectPeer("x", null, "x", "a", false).Expect("y/a", "x/a", false),
            NetPol("x", "allow-ns-y-z-pod-b-c", Sel(("pod", "a")),
                ingress: [From(NsAndPods(Expr("kubernetes.io/metadata.name", "NotIn", "x"), Expr("pod", "In", "b", "c")))]));
    }

    [Fact]
    public void AnyPodSelectors_TwoPeers_AllowBAndC()
    {
        Check(["x/a", "x/b", "x/c"], Tcp80,
            t => t.ExpectAllIngress("x/a", false).Expect("x/b", "x/a", true).Expect("x/c", "x/a", true),
            NetPol("x", "allow-ns-x-pod-b-c", Sel(("pod", "a")), ingress: [From(Pods(Sel(("pod", "b"))), Pods(Sel(("pod", "c"))))]));
    }

    [Theory]
    [InlineData("TCP")]
    [InlineData("UDP")]
    [InlineData("SCTP")]
    public void Ports_Only81FromY_AllProtocols(string proto)
    {
        Check(["x/a", "x/b", "y/a", "y/b", "z/a"], new ReachProbe(81, proto),
            t => t.ExpectPeer("x", null, "x", "a", false).ExpectPeer("z", null, "x", "a", false),
            NetPol("x", "allow-81", Sel(("pod", "a")), ingress: [Rule([Namespaces(NsName("y"))], [Port(81, proto)])]));
    }

    [Fact]
    public void StackedPolicies_Port81ThenPort80_EachPortOnlyWhenAllowed()
    {
        var pods = new[] { "x/a", "x/b", "y/a", "y/b", "z/a" };
        var allow81 = NetPol("x", "allow-81", Sel(("pod", "a")), ingress: [Rule([Namespaces(NsName("y"))], [Port(81, "TCP")])]);
        var allow80 = NetPol("x", "allow-80", Sel(("pod", "a")), ingress: [Rule([Namespaces(NsName("y"))], [Port(80, "TCP")])]);
        Action<TruthTable> onlyY = t => t.ExpectPeer("x", null, "x", "a", false).ExpectPeer("z", null, "x", "a", false);
        Check(pods, Tcp81, onlyY, allow81);
        Check(pods, Tcp80, t => t.ExpectAllIngress("x/a", false), allow81);
        Check(pods, Tcp80, onlyY, allow81, allow80);
    }

    [Fact]
    public void AllowAll_EmptyRule_AllowsBothPorts()
    {
        var p = NetPol("x", "allow-all", All, ingress: [Rule()]);
        Check(["x/a", "x/b", "y/a"], Tcp80, _ => { }, p);
        Check(["x/a", "x/b", "y/a"], Tcp81, _ => { }, p);
    }

    [Fact]
    public void NamedPort_Serve81Tcp_OnlyPort81Open()
    {
        var pods = new[] { "x/a", "x/b", "y/a" };
        var p = NetPol("x", "allow-all", All, ingress: [Ports(Port("serve-81-tcp"))]);
        Check(pods, Tcp81, _ => { }, p);
        Check(pods, Tcp80, t => t.ExpectPeer(null, null, "x", null, false), p);
    }

    [Fact]
    public void NamedPortFromNamespace_Serve80Tcp_YOnPort80Only()
    {
        var pods = new[] { "x/a", "x/b", "y/a", "z/a" };
        var p = NetPol("x", "allow-client-a-via-ns-selector-80", Sel(("pod", "a")), ingress: [Rule([Namespaces(NsName("y"))], [Port("serve-80-tcp", "TCP")])]);
        Check(pods, Tcp80, t => t.ExpectPeer("x", null, "x", "a", false).ExpectPeer("z", null, "x", "a", false), p);
        Check(pods, Tcp81, t => t.ExpectAllIngress("x/a", false), p);
    }

    [Fact]
    public void EgressNamedPort_Serve80Tcp_ResolvedOnDestination()
    {
        var pods = new[] { "x/a", "y/a" };
        var p = NetPol("x", "allow-egress", All, egress: [Ports(Port("serve-80-tcp"))]);
        Check(pods, Tcp80, _ => { }, p);
        Check(pods, Tcp81, t => t.ExpectPeer("x", null, null, null, false), p);
    }

    [Fact]
    public void UpdatedPolicy_AllowAllToDenyAll_Flips()
    {
        var pods = new[] { "x/a", "y/a" };
        Check(pods, Tcp81, _ => { }, NetPol("x", "mutate", All, ingress: [Rule()]));
        Check(pods, Tcp81, t => t.ExpectPeer(null, null, "x", null, false), NetPol("x", "mutate", All, ingress: []));
    }

    [Fact]
    public void DenyIngressFromOtherNamespaces_EmptyPodSelectorPeer_AllowsOnlyX()
    {
        Check(["x/a", "x/b", "y/a", "z/a"], Tcp80, t => t.ExpectPeer("y", null, "x", null, false).ExpectPeer("z", null, "x", null, false),
            NetPol("x", "deny-empty-policy", All, ingress: [From(Pods(All))]));
    }

    [Fact]
    public void DenyEgress_PodSelector_OnlyXaBlocked()
    {
        Check(["x/a", "x/b", "y/a"], Tcp80, t => t.ExpectAllEgress("x/a", false),
            NetPol("x", "deny-egress-pod-a", Sel(("pod", "a")), egress: []));
    }

    [Fact]
    public void DenyEgress_WholeNamespace_XBlocked()
    {
        Check(["x/a", "x/b", "y/a"], Tcp80, t => t.ExpectPeer("x", null, null, null, false),
            NetPol("x", "deny-egress-ns-x", All, egress: []));
    }

    [Fact]
    public void IngressAndEgressTogether_EgressOnly80()
    {
        var pods = new[] { "x/a", "x/b", "x/c", "y/a" };
        var p = NetPol("x", "allow-client-a-via-pod-selector", Sel(("pod", "a")),
            ingress: [From(Pods(Sel(("pod", "b"))))], egress: [Ports(Port(80))]);
        Check(pods, Tcp80, t => t.ExpectAllIngress("x/a", false).Expect("x/b", "x/a", true), p);
        Check(pods, Tcp81, t => t.ExpectAllIngress("x/a", false).ExpectAllEgress("x/a", false).Expect("x/b", "x/a", true), p);
    }

    [Fact]
    public void EgressDeniedOnClient_EvenWhenServerAllows()
    {
        var ingressRule = From(NsAndPods(NsName("x"), Sel(("pod", "a"))));
        Check(["x/a", "y/a", "y/b"], Tcp80,
            t => t.ExpectPeer("x", "a", null, null, false).ExpectPeer(null, null, "y", "a", false)
                .ExpectPeer("x", "a", "y", "a", true).ExpectPeer(null, null, "y", "b", false),
            NetPol("x", "allow-to-ns-y-pod-a", Sel(("pod", "a")), egress: [From(NsAndPods(NsName("y"), Sel(("pod", "a"))))]),
            NetPol("y", "allow-from-xa-on-ya", Sel(("pod", "a")), ingress: [ingressRule]),
            NetPol("y", "allow-from-xa-on-yb", Sel(("pod", "b")), ingress: [ingressRule]));
    }

    [Fact]
    public void IngressAnyPortOnProtocol_TcpOnly_UdpDenied()
    {
        var pods = new[] { "x/a", "y/a" };
        var p = NetPol("x", "allow-ingress-by-proto", Sel(("pod", "a")), ingress: [Ports(Proto("TCP"))]);
        Check(pods, Tcp80, _ => { }, p);
        Check(pods, new ReachProbe(80, "UDP"), t => t.ExpectPeer(null, null, "x", "a", false), p);
    }

    [Fact]
    public void MultipleIngressPolicies_AllowAllTakesPrecedence()
    {
        var pods = new[] { "x/a", "y/a" };
        var only80 = NetPol("x", "allow-ingress-port-80", All, ingress: [Ports(Port(80))]);
        Check(pods, Tcp81, t => t.ExpectPeer(null, null, "x", null, false), only80);
        Check(pods, Tcp81, _ => { }, only80, NetPol("x", "allow-ingress", All, ingress: [Rule()]));
    }

    [Fact]
    public void MultipleEgressPolicies_AllowAllTakesPrecedence()
    {
        var pods = new[] { "x/a", "y/a" };
        var only80 = NetPol("x", "allow-egress-port-80", All, egress: [Ports(Port(80))]);
        Check(pods, Tcp81, t => t.ExpectPeer("x", null, null, null, false), only80);
        Check(pods, Tcp81, _ => { }, only80, NetPol("x", "allow-egress", All, egress: [Rule()]));
    }

    [Fact]
    public void EgressToCidr_PodIpHostMask_AllowsOnlyYb()
    {
        Check(["x/a", "y/a", "y/b"], Tcp80, t => t.ExpectAllEgress("x/a", false).Expect("x/a", "y/b", true),
            NetPol("x", "allow-client-a-via-cidr-egress-rule", Sel(("pod", "a")), egress: [From(Ip(ConformanceModel.IpOf("y", "b") + "/32"))]));
    }

    [Fact]
    public void EgressToCidrWithExcept_ExceptedPodDenied()
    {
        Check(["x/a", "x/b", "x/c"], Tcp80, t => t.Expect("x/a", "x/b", false),
            NetPol("x", "allow-client-a-via-cidr-egress-rule", Sel(("pod", "a")), egress: [From(Ip("10.0.0.0/8", ConformanceModel.IpOf("x", "b") + "/32"))]));
    }

    [Fact]
    public void CidrAndExceptOverlap_SecondPolicyAllowsHost_Allowed()
    {
        var pods = new[] { "x/a", "x/b", "x/c" };
        var except = NetPol("x", "allow-client-a-via-cidr-egress-rule", Sel(("pod", "a")), egress: [From(Ip("10.0.0.0/8", ConformanceModel.IpOf("x", "b") + "/32"))]);
        Check(pods, Tcp80, t => t.Expect("x/a", "x/b", false), except);
        // Upstream replaces the policy with one allowing only x/b's /32.
        var replaced = NetPol("x", "allow-client-a-via-cidr-egress-rule", Sel(("pod", "a")), egress: [From(Ip(ConformanceModel.IpOf("x", "b") + "/32"))]);
        Check(pods, Tcp80, t => t.ExpectAllEgress("x/a", false).Expect("x/a", "x/b", true), replaced);
    }

    [Fact]
    public void IngressAndEgressIndependent_EgressAllowThenIngressDeny()
    {
        var pods = new[] { "x/a", "x/b", "y/a" };
        var egress = NetPol("x", "allow-egress-for-target", Sel(("pod", "a")), egress: [Rule()]);
        Check(pods, Tcp80, _ => { }, egress);
        Check(pods, Tcp80, t => t.ExpectAllIngress("x/a", false), egress, NetPol("x", "deny-ingress-via-label-selector", Sel(("pod", "a")), ingress: []));
    }

    [Fact]
    public void SctpOnlyRule_TcpProbe_StaysDenied()
    {
        Check(["x/a", "y/a"], Tcp81, t => t.ExpectPeer(null, null, "x", null, false),
            NetPol("x", "deny-ingress", All, ingress: []),
            NetPol("x", "allow-only-sctp-ingress-on-port-81", Sel(("pod", "a")), ingress: [Ports(Port(81, "SCTP"))]));
        Check(["x/a", "y/a"], Tcp81, t => t.ExpectAllIngress("x/a", false),
            NetPol("x", "allow-only-sctp-ingress-on-port-80", Sel(("pod", "a")), ingress: [Ports(Port(80, "SCTP"))]));
    }

    [Fact]
    public void UdpOnlyRule_TcpProbe_Denied()
    {
        Check(["x/a", "y/a"], Tcp81, t => t.ExpectAllIngress("x/a", false),
            NetPol("x", "allow-only-udp-ingress-on-port-81", Sel(("pod", "a")), ingress: [Ports(Port(81, "UDP"))]));
    }

    [Fact]
    public void EgressNamespaceNotIn_DefaultNsLabel_BlocksY()
    {
        Check(["x/a", "x/b", "y/a", "z/a"], Tcp80, t => t.ExpectPeer("x", "a", "y", null, false),
            NetPol("x", "allow-ns-y-match-selector-for-immutable-ns-label", Sel(("pod", "a")),
                egress: [From(Namespaces(Expr("kubernetes.io/metadata.name", "NotIn", "y")))]));
    }

    [Fact]
    public void CustomNamespaceLabel_NsY_AllowsOnlyY()
    {
        Check(["x/a", "x/b", "y/a", "z/a"], Tcp80, t => t.ExpectPeer("x", null, "x", "a", false).ExpectPeer("z", null, "x", "a", false),
            NetPol("x", "allow-ns-label", Sel(("pod", "a")), ingress: [From(Namespaces(Sel(("ns", "y"))))]));
    }

    [Fact]
    public void EndPort_Range80To81_AdmitsBothPorts()
    {
        var pods = new[] { "x/a", "y/a" };
        var p = NetPol("x", "allow-80-81", Sel(("pod", "a")), ingress: [Ports(Port(80, "TCP", endPort: 81))]);
        Check(pods, Tcp80, _ => { }, p);
        Check(pods, Tcp81, _ => { }, p);
        Check(pods, ReachProbe.Tcp(82), t => t.ExpectAllIngress("x/a", false), p);
    }
}
