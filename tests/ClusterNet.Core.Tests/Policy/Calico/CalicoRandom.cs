using ClusterNet.Core.Model;
using static ClusterNet.Core.Tests.Policy.Calico.Cal;
using K8s = ClusterNet.Core.Tests.Policy.Np;

namespace ClusterNet.Core.Tests.Policy.Calico;

/// <summary>
/// Seeded random clusters exercising Calico's rule language as the bitset stages see it: tiers before and after the
/// default one (one with defaultAction Pass), GlobalNetworkPolicies and NetworkPolicies, Allow/Deny/Pass/Log,
/// selectors (Calico's pcns./pcsa. profile labels too), notSelector, namespaceSelector, serviceAccounts (names and a selector over ServiceAccount labels), a
/// GlobalNetworkSet and a NetworkSet holding pod IPs, nets/notNets, ports/notPorts with named ports,
/// protocol/notProtocol, ingress and egress, Kubernetes NetworkPolicies beside them, a hostNetwork pod now and then.
/// </summary>
internal static class CalicoRandom
{
    public static readonly Core.Policy.ReachProbe[] Probes = [Core.Policy.ReachProbe.Tcp(80), Core.Policy.ReachProbe.Tcp(8080), new(53, "UDP"), Core.Policy.ReachProbe.Tcp(9090)];

    private static readonly string[] Apps = ["web", "api", "db"];
    private static readonly string[] Selectors = ["app == 'web'", "app == 'db'", "app in {'api', 'db'}", "has(tier)", "!has(tier)", "all()", "app != 'web' && has(tier)", "tier == 'front' || app == 'api'", "pcns.env == 'dev' && app != 'db'", "pcsa.role == 'ops'", ""];
    private static readonly string[] Tiers = ["security", "platform", "default", "late"];

    public static ClusterSnapshot Build(int seed, int policies = 10)
    {
        var rnd = new Random(seed);
        var objects = new List<IClusterObject> { Tier("security", 100), Tier("platform", 500, CalicoRuleAction.Pass), Tier("late", 2_000_000) };
        for (var n = 0; n < 3; n++)
        {
            objects.Add(Ns($"ns{n}", ("env", n == 0 ? "prod" : "dev")));
            objects.Add(new ServiceAccountInfo { Namespace = $"ns{n}", Name = "robot", Labels = LabelMap.Of(("role", n == 1 ? "batch" : "ops")) });
            for (var i = 0; i < 5; i++)
            {
                var labels = new List<(string, string)> { ("app", Apps[rnd.Next(Apps.Length)]) };
                if (rnd.Next(2) == 0)
                {
                    labels.Add(("tier", "front"));
                }

                objects.Add(Pod($"ns{n}", $"p{i}", $"10.{n}.0.{i + 2}", sa: rnd.Next(3) == 0 ? "robot" : null,
                    ports: [("http", rnd.Next(2) == 0 ? 80 : 8080, "TCP"), ("metrics", 9090, "TCP"), ("dns", 53, "UDP")],
                    hostNetwork: rnd.Next(20) == 0, labels: [.. labels]));
            }
        }

        // Network sets holding pod IPs: a rule selector that picks one matches the pods in it whatever their labels (Calico
        // matches by IP set), and notSelector "app == 'api'" excludes the pods in ns2's set.
        objects.Add(new CalicoNetworkSetInfo { Kind = CalicoNetworkSetKind.GlobalNetworkSet, Name = "partners", Labels = LabelMap.Of(("app", "web")), Nets = ["10.1.0.0/30"] });
        objects.Add(new CalicoNetworkSetInfo { Kind = CalicoNetworkSetKind.NetworkSet, Namespace = "ns2", Name = "apis", Labels = LabelMap.Of(("app", "api")), Nets = ["10.0.0.2/31", "10.2.0.5"] });
        for (var i = 0; i < policies; i++)
        {
            objects.Add(Policy(rnd, $"c{i}"));
        }

        for (var i = 0; i < 3; i++)
        {
            objects.Add(KubernetesPolicy(rnd, $"k{i}"));
        }

        return Snapshot([.. objects]);
    }

    /// <summary>A random Calico policy named <paramref name="name"/>: global or in a random namespace (keep the kind to replace one).</summary>
    public static CalicoPolicyInfo Policy(Random rnd, string name, CalicoPolicyKind? kind = null, string? ns = null)
    {
        var tier = Tiers[rnd.Next(Tiers.Length)];
        double? order = rnd.Next(4) == 0 ? null : rnd.Next(3) * 500;
        var ingress = Enumerable.Range(0, rnd.Next(4)).Select(_ => RandomRule(rnd)).ToArray();
        var egress = Enumerable.Range(0, rnd.Next(3)).Select(_ => RandomRule(rnd)).ToArray();
        var selector = Selectors[rnd.Next(Selectors.Length)];
        string[]? types = rnd.Next(4) switch { 0 => ["Ingress"], 1 => ["Egress"], 2 => ["Ingress", "Egress"], _ => null };
        return (kind ?? (rnd.Next(2) == 0 ? CalicoPolicyKind.GlobalNetworkPolicy : CalicoPolicyKind.NetworkPolicy)) == CalicoPolicyKind.GlobalNetworkPolicy
            ? Gnp(name, tier, order, selector, ingress, egress, types, namespaceSelector: rnd.Next(4) == 0 ? "env == 'dev'" : null)
            : Np(ns ?? $"ns{rnd.Next(3)}", name, tier, order, selector, ingress, egress, types);
    }

    public static NetworkPolicyInfo KubernetesPolicy(Random rnd, string name) =>
        K8s.NetPol($"ns{rnd.Next(3)}", name, K8s.Sel(("app", Apps[rnd.Next(Apps.Length)])),
            ingress: [K8s.Rule([K8s.Pods(K8s.Sel(("app", Apps[rnd.Next(Apps.Length)])))], [K8s.Port(rnd.Next(2) == 0 ? 80 : 8080)])]);

    private static CalicoRuleInfo RandomRule(Random rnd)
    {
        var action = (CalicoRuleAction)rnd.Next(4);
        var source = Entity(rnd);
        var destination = Entity(rnd);
        destination = rnd.Next(4) switch
        {
            0 => destination with { Ports = [CalicoPortInfo.Number(80), new CalicoPortInfo(9000, 9100)] },
            1 => destination with { Ports = [CalicoPortInfo.Named("http")] },
            2 => destination with { NotPorts = [rnd.Next(2) == 0 ? CalicoPortInfo.Named("metrics") : CalicoPortInfo.Number(8080)] },
            _ => destination,
        };
        if (rnd.Next(8) == 0)
        {
            // Source ports compare the client's ephemeral port: never known, so such a rule never matches.
            source = source with { Ports = [CalicoPortInfo.Number(80)] };
        }

        var hasPorts = !destination.Ports.IsDefaultOrEmpty || !destination.NotPorts.IsDefaultOrEmpty;
        return rnd.Next(5) switch
        {
            0 => Rule(action, source, destination, protocol: "UDP"),
            1 when !hasPorts => Rule(action, source, destination, notProtocol: "UDP"),
            _ => Rule(action, source, destination, protocol: hasPorts ? "TCP" : null),
        };
    }

    private static CalicoEntityRuleInfo Entity(Random rnd) => rnd.Next(8) switch
    {
        0 or 1 => CalicoEntityRuleInfo.Any,
        2 => Sel(Selectors[rnd.Next(Selectors.Length)]),
        3 => new CalicoEntityRuleInfo { NamespaceSelector = "env == 'dev'", Selector = rnd.Next(2) == 0 ? "has(tier)" : null },
        4 => new CalicoEntityRuleInfo { Nets = [$"10.{rnd.Next(3)}.0.0/16"] },
        5 => new CalicoEntityRuleInfo { NotNets = ["10.1.0.0/16"] },
        6 => rnd.Next(2) == 0 ? new CalicoEntityRuleInfo { ServiceAccountNames = ["robot"] } : new CalicoEntityRuleInfo { ServiceAccountSelector = "role == 'ops'" },
        _ => new CalicoEntityRuleInfo { NotSelector = "app == 'api'" },
    };
}
