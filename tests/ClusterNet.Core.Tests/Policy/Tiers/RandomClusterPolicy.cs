using ClusterNet.Core.Model;

namespace ClusterNet.Core.Tests.Policy.Tiers;

/// <summary>Random Admin/Baseline cluster policies over <see cref="RandomCluster"/>'s labels, for the tier tests that compare the engine with a rebuild or an independent evaluator.</summary>
internal static class RandomClusterPolicy
{
    private static readonly string[] Apps = ["web", "api", "db", "cache"];

    /// <summary>A random policy of the kind: ingress-only, egress-only or both; Accept/Deny/Pass; ties by priority.</summary>
    public static ClusterPolicyInfo Next(Random rnd, ClusterPolicyKind kind, string name)
    {
        var baseline = kind == ClusterPolicyKind.BaselineAdminNetworkPolicy || (kind == ClusterPolicyKind.ClusterNetworkPolicy && rnd.Next(3) == 0);
        ClusterPolicyRuleInfo Rule()
        {
            var action = (ClusterPolicyAction)rnd.Next(baseline ? 2 : 3);
            var peer = rnd.Next(4) switch
            {
                0 => new ClusterPolicyPeerInfo { Namespaces = Np.Sel(("team", rnd.Next(2) == 0 ? "red" : "blue")) },
                1 => new ClusterPolicyPeerInfo { PodsNamespaceSelector = Np.All, PodsPodSelector = Np.Sel(("app", Apps[rnd.Next(Apps.Length)])) },
                2 => new ClusterPolicyPeerInfo { Networks = [$"10.{rnd.Next(4)}.0.0/16"] },
                _ => new ClusterPolicyPeerInfo { Namespaces = Np.All },
            };
            ClusterPolicyPortInfo[]? ports = rnd.Next(4) switch
            {
                0 => null,
                1 => [Cnp.Tcp(80)],
                2 => [Cnp.Named(rnd.Next(2) == 0 ? "http" : "dns")],
                _ => [Cnp.Tcp(81, 8080), Cnp.Udp(53)],
            };
            return Cnp.Rule(action, [peer], ports);
        }

        var subject = rnd.Next(2) == 0
            ? new ClusterPolicySubjectInfo { NamespaceSelector = Np.Sel(("team", rnd.Next(2) == 0 ? "red" : "blue")), Valid = true }
            : new ClusterPolicySubjectInfo { NamespaceSelector = Np.All, PodSelector = Np.Sel(("app", Apps[rnd.Next(Apps.Length)])), Valid = true };
        var shape = rnd.Next(3);
        return new ClusterPolicyInfo
        {
            Kind = kind,
            Name = name,
            Tier = baseline ? ClusterPolicyTier.Baseline : ClusterPolicyTier.Admin,
            Priority = kind == ClusterPolicyKind.BaselineAdminNetworkPolicy ? null : rnd.Next(3),
            Subject = subject,
            Ingress = shape == 1 ? [] : [.. Enumerable.Range(0, 1 + rnd.Next(3)).Select(_ => Rule())],
            Egress = shape == 0 ? [] : [.. Enumerable.Range(0, 1 + rnd.Next(2)).Select(_ => Rule())],
        };
    }
}
