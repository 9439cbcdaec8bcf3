using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Conversion;
using k8s.Models;

namespace ClusterNet.Kubernetes.Tests.Conversion;

public sealed class KubeModelMapperPolicyTests
{
    private static V1NetworkPolicy Policy(V1NetworkPolicySpec spec) => new() { Metadata = new V1ObjectMeta { Name = "p", NamespaceProperty = "dev" }, Spec = spec };

    [Fact]
    public void ToModel_DenyAllIngress_KeepsAbsentRulesNull()
    {
        var policy = KubeModelMapper.ToModel(Policy(new V1NetworkPolicySpec { PodSelector = new V1LabelSelector(), PolicyTypes = ["Ingress"] }));

        Assert.True(policy.PodSelector.IsEmpty);
        Assert.Equal(["Ingress"], policy.PolicyTypes!.Value.ToArray());
        Assert.Null(policy.Ingress);
        Assert.Null(policy.Egress);
    }

    [Fact]
    public void ToModel_EmptyVersusAbsent_KeepsTheDifference()
    {
        var policy = KubeModelMapper.ToModel(Policy(new V1NetworkPolicySpec
        {
            PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
            Ingress = [new V1NetworkPolicyIngressRule()],
            Egress = [],
        }));

        Assert.Null(policy.PolicyTypes);
        var rule = Assert.Single(policy.Ingress!.Value);
        Assert.Null(rule.Peers);
        Assert.Null(rule.Ports);
        Assert.Empty(policy.Egress!.Value);
        Assert.Equal("web", policy.PodSelector.MatchLabels["app"]);
    }

    [Fact]
    public void ToModel_AllowFromIpBlock_MapsPeersAndPorts()
    {
        var policy = KubeModelMapper.ToModel(Policy(new V1NetworkPolicySpec
        {
            PodSelector = new V1LabelSelector(),
            Ingress =
            [
                new V1NetworkPolicyIngressRule
                {
                    FromProperty =
                    [
                        new V1NetworkPolicyPeer { IpBlock = new V1IPBlock { Cidr = "10.244.0.0/16", Except = ["10.244.1.2/32"] } },
                        new V1NetworkPolicyPeer { NamespaceSelector = new V1LabelSelector(), PodSelector = new V1LabelSelector { MatchExpressions = [new V1LabelSelectorRequirement { Key = "tier", OperatorProperty = "In", Values = ["fe"] }] } },
                    ],
                    Ports = [new V1NetworkPolicyPort { Protocol = "TCP", Port = (IntOrString)"80" }, new V1NetworkPolicyPort { Port = (IntOrString)"http" }, new V1NetworkPolicyPort { Port = (IntOrString)"8000", EndPort = 8080 }],
                },
            ],
        }));

        var rule = Assert.Single(policy.Ingress!.Value);
        var peers = rule.Peers!.Value;
        Assert.Equal("10.244.0.0/16", peers[0].IpBlock!.Cidr);
        Assert.Equal(["10.244.1.2/32"], peers[0].IpBlock!.Except.ToArray());
        Assert.Null(peers[0].PodSelector);
        Assert.Null(peers[0].NamespaceSelector);
        Assert.NotNull(peers[1].NamespaceSelector);
        Assert.True(peers[1].NamespaceSelector!.IsEmpty);
        Assert.Equal(new LabelSelectorRequirement("tier", "In", ["fe"]).Key, peers[1].PodSelector!.MatchExpressions[0].Key);
        Assert.Equal(["fe"], peers[1].PodSelector!.MatchExpressions[0].Values.ToArray());
        Assert.Equal([new NetworkPolicyPortInfo("TCP", "80"), new NetworkPolicyPortInfo(null, "http"), new NetworkPolicyPortInfo(null, "8000", 8080)], rule.Ports!.Value.ToArray());
    }

    [Theory]
    [InlineData("http", 90, "spec.ingress[0].ports[0].endPort")]
    [InlineData("9000", 8000, "spec.ingress[0].ports[0].endPort")]
    [InlineData("web port", null, "spec.ingress[0].ports[0].port")]
    public void ToModel_BadPortOrEndPort_ReportsField(string port, int? endPort, string field)
    {
        var diagnostics = new List<SourceDiagnostic>();
        var policy = KubeModelMapper.ToModel(Policy(new V1NetworkPolicySpec
        {
            PodSelector = new V1LabelSelector(),
            Ingress = [new V1NetworkPolicyIngressRule { Ports = [new V1NetworkPolicyPort { Port = (IntOrString)port, EndPort = endPort }] }],
        }), diagnostics);

        Assert.Equal(field, Assert.Single(diagnostics).Field);
        Assert.Equal(port, policy.Ingress!.Value[0].Ports!.Value[0].Port);
    }

    [Fact]
    public void ToModel_UnknownPolicyType_ReportsWarning()
    {
        var diagnostics = new List<SourceDiagnostic>();
        KubeModelMapper.ToModel(Policy(new V1NetworkPolicySpec { PodSelector = new V1LabelSelector(), PolicyTypes = ["ingress"] }), diagnostics);
        Assert.Equal("spec.policyTypes[0]", Assert.Single(diagnostics).Field);
    }

    [Fact]
    public void ToModel_EgressRule_MapsToPeers()
    {
        var policy = KubeModelMapper.ToModel(Policy(new V1NetworkPolicySpec
        {
            PodSelector = new V1LabelSelector(),
            PolicyTypes = ["Egress"],
            Egress = [new V1NetworkPolicyEgressRule { To = [new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector() }], Ports = [new V1NetworkPolicyPort { Protocol = "UDP", Port = (IntOrString)"53" }] }],
        }));

        var rule = Assert.Single(policy.Egress!.Value);
        Assert.True(rule.Peers!.Value[0].PodSelector!.IsEmpty);
        Assert.Equal([new NetworkPolicyPortInfo("UDP", "53")], rule.Ports!.Value.ToArray());
    }
}
