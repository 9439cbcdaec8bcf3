using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Tests.Policy;

/// <summary>Terse builders for NetworkPolicy records, shaped like the upstream e2e helpers.</summary>
internal static class Np
{
    public static LabelSelector All => LabelSelector.Everything;

    public static LabelSelector Sel(params (string Key, string Value)[] labels) => new() { MatchLabels = LabelMap.Of(labels) };

    public static LabelSelector Expr(string key, string op, params string[] values) =>
        new() { MatchExpressions = [new LabelSelectorRequirement(key, op, [.. values])] };

    public static LabelSelector NsName(string ns) => Sel(("kubernetes.io/metadata.name", ns));

    public static NetworkPolicyPeerInfo Pods(LabelSelector s) => new() { PodSelector = s };

    public static NetworkPolicyPeerInfo Namespaces(LabelSelector s) => new() { NamespaceSelector = s };

    public static NetworkPolicyPeerInfo NsAndPods(LabelSelector ns, LabelSelector pods) => new() { NamespaceSelector = ns, PodSelector = pods };

    public static NetworkPolicyPeerInfo Ip(string cidr, params string[] except) => new() { IpBlock = new IpBlockInfo(cidr, [.. except]) };

    public static NetworkPolicyPortInfo Port(object port, string? protocol = null, int? endPort = null) => new(protocol, port.ToString(), endPort);

    public static NetworkPolicyPortInfo Proto(string protocol) => new(protocol, null);

    public static NetworkPolicyRuleInfo Rule(NetworkPolicyPeerInfo[]? peers = null, NetworkPolicyPortInfo[]? ports = null) =>
        new() { Peers = peers is null ? null : [.. peers], Ports = ports is null ? null : [.. ports] };

    public static NetworkPolicyRuleInfo From(params NetworkPolicyPeerInfo[] peers) => Rule(peers);

    public static NetworkPolicyRuleInfo Ports(params NetworkPolicyPortInfo[] ports) => Rule(null, ports);

    /// <summary>Like upstream SetSpecIngressRules/SetSpecEgressRules: a non-null list puts the direction in policyTypes.</summary>
    public static NetworkPolicyInfo NetPol(string ns, string name, LabelSelector? podSelector = null,
        NetworkPolicyRuleInfo[]? ingress = null, NetworkPolicyRuleInfo[]? egress = null)
    {
        var types = new List<string>();
        if (ingress is not null)
        {
            types.Add("Ingress");
        }

        if (egress is not null)
        {
            types.Add("Egress");
        }

        return new NetworkPolicyInfo
        {
            Namespace = ns,
            Name = name,
            PodSelector = podSelector ?? All,
            PolicyTypes = [.. types],
            Ingress = ingress is null ? null : [.. ingress],
            Egress = egress is null ? null : [.. egress],
        };
    }
}
