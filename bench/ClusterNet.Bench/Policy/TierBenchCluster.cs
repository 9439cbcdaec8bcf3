using ClusterNet.Core.Model;

namespace ClusterNet.Bench.Policy;

/// <summary>
/// <see cref="PolicyBenchCluster"/> plus 100 ClusterNetworkPolicies (70 Admin, 30 Baseline): subjects by namespace
/// team or env label, 3–5 rules each mixing Accept, Deny and Pass, namespace and pod peers, CIDRs, port ranges and
/// named ports; with <see cref="WithCalico"/>, 300 Calico policies too (<see cref="TierCalicoPolicies"/>): the issue 14
/// benchmark shape.
/// </summary>
public static class TierBenchCluster
{
    public static ClusterSnapshot Build(int clusterPolicies = 100, int seed = 14)
    {
        var snapshot = PolicyBenchCluster.Build();
        var rnd = new Random(seed);
        var list = new List<ClusterPolicyInfo>(clusterPolicies);
        for (var i = 0; i < clusterPolicies; i++)
        {
            var admin = i < clusterPolicies * 7 / 10;
            var subject = i % 2 == 0
                ? new ClusterPolicySubjectInfo { NamespaceSelector = Sel(("team", $"t{rnd.Next(20)}")), Valid = true }
                : new ClusterPolicySubjectInfo { NamespaceSelector = Sel(("env", rnd.Next(2) == 0 ? "prod" : "dev")), PodSelector = Sel(("tier", "back")), Valid = true };
            var rules = new List<ClusterPolicyRuleInfo>();
            var count = 3 + rnd.Next(3);
            for (var r = 0; r < count; r++)
            {
                var action = admin ? (ClusterPolicyAction)rnd.Next(3) : (ClusterPolicyAction)rnd.Next(2);
                var peer = rnd.Next(3) switch
                {
                    0 => new ClusterPolicyPeerInfo { Namespaces = Sel(("team", $"t{rnd.Next(20)}")) },
                    1 => new ClusterPolicyPeerInfo { PodsNamespaceSelector = Sel(("env", "dev")), PodsPodSelector = Sel(("tier", "front")) },
                    _ => new ClusterPolicyPeerInfo { Namespaces = Sel(("env", "prod")) },
                };
                ClusterPolicyPortInfo[]? ports = rnd.Next(3) switch
                {
                    0 => null,
                    1 => [new ClusterPolicyPortInfo { Protocol = "TCP", Port = 8000 + rnd.Next(20) }],
                    _ => [new ClusterPolicyPortInfo { Protocol = "TCP", Port = 8000, EndPort = 8000 + rnd.Next(10) }, new ClusterPolicyPortInfo { NamedPort = "http" }],
                };
                rules.Add(new ClusterPolicyRuleInfo { Action = action, ActionText = action.ToString(), Peers = [peer], Ports = ports is null ? null : [.. ports] });
            }

            var egress = new ClusterPolicyRuleInfo
            {
                Action = ClusterPolicyAction.Deny,
                ActionText = "Deny",
                Peers = [new ClusterPolicyPeerInfo { Networks = ["203.0.113.0/24", "198.51.100.0/24"] }],
            };
            list.Add(new ClusterPolicyInfo
            {
                Kind = ClusterPolicyKind.ClusterNetworkPolicy,
                Name = $"cnp-{i:D3}",
                Tier = admin ? ClusterPolicyTier.Admin : ClusterPolicyTier.Baseline,
                Priority = rnd.Next(admin ? 100 : 10),
                Subject = subject,
                Ingress = [.. rules],
                Egress = [egress],
            });
        }

        return snapshot with { ClusterNetworkPolicies = KindCollection<ClusterPolicyInfo>.From(list) };
    }

    /// <summary>The cluster plus Calico tiers and policies (NetworkPolicy and GlobalNetworkPolicy).</summary>
    public static ClusterSnapshot WithCalico(ClusterSnapshot snapshot, int calicoPolicies = 300)
    {
        var objects = TierCalicoPolicies.Build(calicoPolicies).ToList();
        var policies = objects.OfType<CalicoPolicyInfo>().ToList();
        return snapshot with
        {
            CalicoTiers = KindCollection<CalicoTierInfo>.From(objects.OfType<CalicoTierInfo>()),
            CalicoNetworkPolicies = KindCollection<CalicoPolicyInfo>.From(policies.Where(p => p.Kind == CalicoPolicyKind.NetworkPolicy)),
            CalicoGlobalNetworkPolicies = KindCollection<CalicoPolicyInfo>.From(policies.Where(p => p.Kind == CalicoPolicyKind.GlobalNetworkPolicy)),
        };
    }

    private static LabelSelector Sel(params (string, string)[] l) => new() { MatchLabels = LabelMap.Of(l) };
}
