using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Files;

namespace ClusterNet.Kubernetes.Tests.Conversion;

/// <summary>ClusterNetworkPolicy (v1alpha2) and ANP/BANP (v1alpha1) read from manifests: every field, and bad input reported per object and field.</summary>
public sealed class ClusterPolicyMapperTests
{
    private static ManifestLoadResult Load(string yaml) => ManifestLoader.LoadText(yaml, "policies.yaml");

    [Fact]
    public void ClusterNetworkPolicy_ProtocolsPeersAndTier()
    {
        var r = Load("""
            apiVersion: policy.networking.k8s.io/v1alpha2
            kind: ClusterNetworkPolicy
            metadata: {name: egress}
            spec:
              tier: Baseline
              priority: 3
              subject: {pods: {namespaceSelector: {matchLabels: {env: dev}}, podSelector: {matchExpressions: [{key: app, operator: In, values: [web]}]}}}
              egress:
              - name: dns
                action: Accept
                to: [{namespaces: {matchLabels: {kubernetes.io/metadata.name: kube-system}}}]
                protocols: [{udp: {destinationPort: {number: 53}}}, {tcp: {destinationPort: {range: {start: 8000, end: 8080}}}}, {destinationNamedPort: dns}, {sctp: {}}]
              - {action: Deny, to: [{nodes: {}}, {domainNames: ["*.example.com"]}, {networks: ["10.0.0.0/8", "fd00::/8"]}]}
            """);
        Assert.Empty(r.Diagnostics);
        var p = Assert.IsType<ClusterPolicyInfo>(Assert.Single(r.Objects));
        Assert.Equal((ClusterPolicyKind.ClusterNetworkPolicy, ClusterPolicyTier.Baseline, 3), (p.Kind, p.Tier, p.Priority!.Value));
        Assert.Equal("dev", p.Subject.NamespaceSelector.MatchLabels["env"]);
        Assert.Equal("In", Assert.Single(p.Subject.PodSelector!.MatchExpressions).Operator);
        var dns = p.Egress[0];
        Assert.Equal(("dns", ClusterPolicyAction.Accept), (dns.Name, dns.Action!.Value));
        Assert.Equal<ClusterPolicyPortInfo>(
            [
                new ClusterPolicyPortInfo { Protocol = "UDP", Port = 53 },
                new ClusterPolicyPortInfo { Protocol = "TCP", Port = 8000, EndPort = 8080 },
                new ClusterPolicyPortInfo { NamedPort = "dns" },
                new ClusterPolicyPortInfo { Protocol = "SCTP" },
            ],
            [.. dns.Ports!.Value]);
        var deny = p.Egress[1];
        Assert.Null(deny.Ports);
        Assert.NotNull(deny.Peers[0].Nodes);
        Assert.Equal<string>(["*.example.com"], deny.Peers[1].DomainNames);
        Assert.Equal<string>(["10.0.0.0/8", "fd00::/8"], deny.Peers[2].Networks);
    }

    [Fact]
    public void AdminNetworkPolicy_V1Alpha1PortsAndBanp()
    {
        var r = Load("""
            apiVersion: policy.networking.k8s.io/v1alpha1
            kind: AdminNetworkPolicy
            metadata: {name: anp}
            spec:
              priority: 40
              subject: {namespaces: {}}
              ingress:
              - action: Allow
                from: [{pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: mon}}}}]
                ports: [{portNumber: {port: 9090}}, {portRange: {protocol: UDP, start: 5000, end: 5010}}, {namedPort: metrics}]
              - {action: Pass, from: [{namespaces: {matchLabels: {team: a}}}]}
            ---
            apiVersion: policy.networking.k8s.io/v1alpha1
            kind: BaselineAdminNetworkPolicy
            metadata: {name: default}
            spec:
              subject: {namespaces: {}}
              egress: [{action: Deny, to: [{networks: [0.0.0.0/0]}]}]
            """);
        Assert.Empty(r.Diagnostics);
        var anp = r.Objects.OfType<ClusterPolicyInfo>().Single(p => p.Kind == ClusterPolicyKind.AdminNetworkPolicy);
        Assert.Equal((ClusterPolicyTier.Admin, 40, ClusterPolicyAction.Accept, "Allow"), (anp.Tier, anp.Priority!.Value, anp.Ingress[0].Action!.Value, anp.Ingress[0].ActionText));
        Assert.Equal<ClusterPolicyPortInfo>(
            [
                new ClusterPolicyPortInfo { Protocol = "TCP", Port = 9090 },
                new ClusterPolicyPortInfo { Protocol = "UDP", Port = 5000, EndPort = 5010 },
                new ClusterPolicyPortInfo { NamedPort = "metrics" },
            ],
            [.. anp.Ingress[0].Ports!.Value]);
        Assert.Equal(ClusterPolicyAction.Pass, anp.Ingress[1].Action);
        var banp = r.Objects.OfType<ClusterPolicyInfo>().Single(p => p.Kind == ClusterPolicyKind.BaselineAdminNetworkPolicy);
        Assert.Equal((ClusterPolicyTier.Baseline, (int?)null), (banp.Tier, banp.Priority));
    }

    [Fact]
    public void BadInput_ReportedPerObjectAndField_TheRestLoads()
    {
        var r = Load("""
            apiVersion: policy.networking.k8s.io/v1alpha2
            kind: ClusterNetworkPolicy
            metadata: {name: bad}
            spec:
              tier: Middle
              priority: -1
              subject: {}
              ingress:
              - {action: Allow, from: [{namespaces: {}}]}
              - {action: Deny, from: [{namespaces: {}}], protocols: [{tcp: {destinationPort: {range: {start: 90, end: 80}}}}]}
              egress:
              - {action: Deny, to: [{networks: [10.0.0.0/33]}]}
            ---
            apiVersion: policy.networking.k8s.io/v1alpha1
            kind: BaselineAdminNetworkPolicy
            metadata: {name: other}
            spec:
              subject: {namespaces: {}}
              ingress: [{action: Pass, from: [{namespaces: {}}]}]
            """);
        Assert.Equal(2, r.Objects.Count());
        string[] expected =
        [
            "ClusterNetworkPolicy bad|spec.tier|not Admin or Baseline",
            "ClusterNetworkPolicy bad|spec.priority|outside 0-1000",
            "ClusterNetworkPolicy bad|spec.subject|neither namespaces nor pods",
            "ClusterNetworkPolicy bad|spec.ingress[0].action|'Allow' is not Accept, Deny or Pass",
            "ClusterNetworkPolicy bad|spec.ingress[1].protocols[0].tcp.destinationPort.range|not a range",
            "ClusterNetworkPolicy bad|spec.egress[0].to[0].networks[0]|not a CIDR",
            "BaselineAdminNetworkPolicy other|metadata.name|must be named 'default'",
            "BaselineAdminNetworkPolicy other|spec.ingress[0].action|'Pass' is not Allow or Deny",
        ];
        foreach (var e in expected)
        {
            var parts = e.Split('|');
            Assert.Contains(r.Diagnostics, d => d.Object == parts[0] && d.Field == parts[1] && d.Message.Contains(parts[2]) && d.File == "policies.yaml" && d.Line is not null);
        }

        var bad = r.Objects.OfType<ClusterPolicyInfo>().Single(p => p.Name == "bad");
        Assert.Null(bad.Ingress[0].Action);
        Assert.Empty(bad.Egress[0].Peers[0].Networks);
    }
}
