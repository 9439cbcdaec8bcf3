using ClusterNet.Core.Model;

namespace ClusterNet.Core.Tests.Policy.Tiers;

/// <summary>Builders for cluster-scoped policies in tests (the shapes the mapper produces).</summary>
internal static class Cnp
{
    public static ClusterPolicyInfo Admin(string name, int priority, ClusterPolicySubjectInfo subject,
        ClusterPolicyRuleInfo[]? ingress = null, ClusterPolicyRuleInfo[]? egress = null) =>
        Policy(ClusterPolicyKind.ClusterNetworkPolicy, ClusterPolicyTier.Admin, name, priority, subject, ingress, egress);

    public static ClusterPolicyInfo Baseline(string name, int priority, ClusterPolicySubjectInfo subject,
        ClusterPolicyRuleInfo[]? ingress = null, ClusterPolicyRuleInfo[]? egress = null) =>
        Policy(ClusterPolicyKind.ClusterNetworkPolicy, ClusterPolicyTier.Baseline, name, priority, subject, ingress, egress);

    public static ClusterPolicyInfo Anp(string name, int priority, ClusterPolicySubjectInfo subject,
        ClusterPolicyRuleInfo[]? ingress = null, ClusterPolicyRuleInfo[]? egress = null) =>
        Policy(ClusterPolicyKind.AdminNetworkPolicy, ClusterPolicyTier.Admin, name, priority, subject, ingress, egress);

    public static ClusterPolicyInfo Banp(ClusterPolicySubjectInfo subject, ClusterPolicyRuleInfo[]? ingress = null, ClusterPolicyRuleInfo[]? egress = null) =>
        Policy(ClusterPolicyKind.BaselineAdminNetworkPolicy, ClusterPolicyTier.Baseline, "default", null, subject, ingress, egress);

    private static ClusterPolicyInfo Policy(ClusterPolicyKind kind, ClusterPolicyTier tier, string name, int? priority, ClusterPolicySubjectInfo subject,
        ClusterPolicyRuleInfo[]? ingress, ClusterPolicyRuleInfo[]? egress) => new()
        {
            Kind = kind,
            Tier = tier,
            Name = name,
            Priority = priority,
            Subject = subject,
            Ingress = [.. ingress ?? []],
            Egress = [.. egress ?? []],
        };

    public static ClusterPolicySubjectInfo SubjectNs(string ns) => new() { NamespaceSelector = Np.Sel(("ns", ns)), Valid = true };

    public static ClusterPolicySubjectInfo SubjectPods(string ns, string pod) =>
        new() { NamespaceSelector = Np.Sel(("ns", ns)), PodSelector = Np.Sel(("pod", pod)), Valid = true };

    public static ClusterPolicyRuleInfo Rule(ClusterPolicyAction action, ClusterPolicyPeerInfo[] peers, ClusterPolicyPortInfo[]? ports = null, string? name = null) => new()
    {
        Name = name,
        Action = action,
        ActionText = action.ToString(),
        Peers = [.. peers],
        Ports = ports is null ? null : [.. ports],
    };

    public static ClusterPolicyRuleInfo Accept(params ClusterPolicyPeerInfo[] peers) => Rule(ClusterPolicyAction.Accept, peers);

    public static ClusterPolicyRuleInfo Deny(params ClusterPolicyPeerInfo[] peers) => Rule(ClusterPolicyAction.Deny, peers);

    public static ClusterPolicyRuleInfo Pass(params ClusterPolicyPeerInfo[] peers) => Rule(ClusterPolicyAction.Pass, peers);

    public static ClusterPolicyPeerInfo Ns(string ns) => new() { Namespaces = Np.Sel(("ns", ns)) };

    public static ClusterPolicyPeerInfo Pod(string ns, string pod) => new() { PodsNamespaceSelector = Np.Sel(("ns", ns)), PodsPodSelector = Np.Sel(("pod", pod)) };

    public static ClusterPolicyPeerInfo Networks(params string[] cidrs) => new() { Networks = [.. cidrs] };

    public static ClusterPolicyPeerInfo Domains(params string[] names) => new() { DomainNames = [.. names] };

    public static ClusterPolicyPortInfo Tcp(int port, int? end = null) => new() { Protocol = "TCP", Port = port, EndPort = end };

    public static ClusterPolicyPortInfo Udp(int port) => new() { Protocol = "UDP", Port = port };

    public static ClusterPolicyPortInfo Named(string name) => new() { NamedPort = name };

    public static ClusterSnapshot Snapshot(string[] pods, IEnumerable<NetworkPolicyInfo> policies, params ClusterPolicyInfo[] cluster) =>
        ClusterSnapshot.Create(new SourceInfo("file", "tiers"), ConformanceModel.Objects(pods).Concat(policies).Concat(cluster));
}
