using ClusterNet.Core.Model;

namespace ClusterNet.Bench.Policy;

/// <summary>
/// 300 Calico policies for the issue 14 benchmark over <see cref="PolicyBenchCluster"/>'s pods: 100 GlobalNetworkPolicies
/// in tier security (before the default tier; each ends in an explicit Pass, as security tiers are written), 100
/// namespaced NetworkPolicies in tier platform (defaultAction Pass) and 100 in tier fallback (after the default tier, so
/// it judges what Kubernetes NetworkPolicies leave alone). Selectors use Calico's language (==, in, has(), !, &&,
/// namespaceSelector), rules nets/notNets, port ranges, named ports, notPorts, Allow/Deny/Pass/Log.
/// </summary>
public static class TierCalicoPolicies
{
    private static readonly string[] Apps = ["web", "api", "worker", "db", "cache", "auth", "search", "queue", "billing", "report"];

    public static IEnumerable<IClusterObject> Build(int count = 300, int seed = 16)
    {
        var rnd = new Random(seed);
        yield return new CalicoTierInfo { Name = "security", Order = 100 };
        yield return new CalicoTierInfo { Name = "platform", Order = 500, DefaultAction = CalicoRuleAction.Pass };
        yield return new CalicoTierInfo { Name = "fallback", Order = 2_000_000 };
        for (var i = 0; i < count; i++)
        {
            var third = i * 3 / count;
            yield return third switch
            {
                0 => Security(rnd, i),
                1 => Platform(rnd, i),
                _ => Fallback(rnd, i),
            };
        }
    }

    private static string App(Random rnd) => Apps[rnd.Next(Apps.Length)];

    private static CalicoPolicyInfo Security(Random rnd, int i) => new()
    {
        Kind = CalicoPolicyKind.GlobalNetworkPolicy,
        Name = $"sec-{i:D3}",
        Tier = "security",
        Order = rnd.Next(10) * 10,
        Selector = rnd.Next(3) switch
        {
            0 => $"app == '{App(rnd)}' && tier == 'back'",
            1 => $"app in {{'{App(rnd)}', '{App(rnd)}'}} && !has(debug)",
            _ => $"tier == 'back' && app != '{App(rnd)}'",
        },
        NamespaceSelector = rnd.Next(2) == 0 ? $"team == 't{rnd.Next(20)}'" : "env == 'prod'",
        Types = ["Ingress", "Egress"],
        Ingress =
        [
            new CalicoRuleInfo { Action = CalicoRuleAction.Log, Source = new CalicoEntityRuleInfo { Nets = ["10.64.0.0/20"] } },
            new CalicoRuleInfo
            {
                Action = CalicoRuleAction.Deny,
                Protocol = "TCP",
                Source = new CalicoEntityRuleInfo { NamespaceSelector = "env == 'dev'", Selector = "tier == 'front'" },
                Destination = new CalicoEntityRuleInfo { Ports = [new CalicoPortInfo(8000, 8000 + rnd.Next(10))], NotPorts = [CalicoPortInfo.Number(8003)] },
            },
            new CalicoRuleInfo
            {
                Action = CalicoRuleAction.Allow,
                Protocol = "TCP",
                Source = new CalicoEntityRuleInfo { Selector = $"app == '{App(rnd)}'", NamespaceSelector = "all()" },
                Destination = new CalicoEntityRuleInfo { Ports = [CalicoPortInfo.Named("http")] },
            },
            new CalicoRuleInfo { Action = CalicoRuleAction.Deny, Source = new CalicoEntityRuleInfo { Nets = [$"10.64.{rnd.Next(40)}.0/24"], NotNets = ["10.64.0.0/28"] } },
            new CalicoRuleInfo { Action = CalicoRuleAction.Pass },
        ],
        Egress =
        [
            new CalicoRuleInfo { Action = CalicoRuleAction.Deny, Destination = new CalicoEntityRuleInfo { Nets = ["203.0.113.0/24", "198.51.100.0/24"] } },
            new CalicoRuleInfo { Action = CalicoRuleAction.Pass },
        ],
    };

    private static CalicoPolicyInfo Platform(Random rnd, int i) => new()
    {
        Kind = CalicoPolicyKind.NetworkPolicy,
        Namespace = $"ns-{rnd.Next(200):D3}",
        Name = $"plat-{i:D3}",
        Tier = "platform",
        Order = 100 + rnd.Next(5),
        Selector = $"app == '{App(rnd)}'",
        Ingress =
        [
            new CalicoRuleInfo
            {
                Action = CalicoRuleAction.Allow,
                Protocol = "TCP",
                Source = new CalicoEntityRuleInfo { Selector = $"app in {{'{App(rnd)}', '{App(rnd)}'}}" },
                Destination = new CalicoEntityRuleInfo { Ports = [CalicoPortInfo.Named("http"), new CalicoPortInfo(8010, 8019)] },
            },
            new CalicoRuleInfo { Action = CalicoRuleAction.Deny, Source = new CalicoEntityRuleInfo { NamespaceSelector = $"team == 't{rnd.Next(20)}'" } },
            new CalicoRuleInfo { Action = CalicoRuleAction.Pass, Protocol = "TCP", Destination = new CalicoEntityRuleInfo { NotPorts = [new CalicoPortInfo(8015, 8019)] } },
        ],
    };

    private static CalicoPolicyInfo Fallback(Random rnd, int i) => new()
    {
        Kind = CalicoPolicyKind.NetworkPolicy,
        Namespace = $"ns-{rnd.Next(200):D3}",
        Name = $"fallback-{i:D3}",
        Tier = "fallback",
        Order = 10,
        Selector = rnd.Next(2) == 0 ? "has(tier)" : $"tier == 'front' || app == '{App(rnd)}'",
        Types = ["Ingress", "Egress"],
        Ingress =
        [
            new CalicoRuleInfo
            {
                Action = CalicoRuleAction.Allow,
                Protocol = "TCP",
                Source = new CalicoEntityRuleInfo { NamespaceSelector = "env == 'prod'" },
                Destination = new CalicoEntityRuleInfo { Ports = [new CalicoPortInfo(8000, 8019)], NotPorts = [CalicoPortInfo.Named("http")] },
            },
            new CalicoRuleInfo { Action = CalicoRuleAction.Allow, Source = new CalicoEntityRuleInfo { Selector = "all()" } },
        ],
        Egress =
        [
            new CalicoRuleInfo { Action = CalicoRuleAction.Deny, Protocol = "UDP" },
            new CalicoRuleInfo { Action = CalicoRuleAction.Allow },
        ],
    };
}
