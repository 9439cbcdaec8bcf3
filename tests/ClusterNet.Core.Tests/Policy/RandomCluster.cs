using ClusterNet.Core.Model;

namespace ClusterNet.Core.Tests.Policy;

/// <summary>Seeded random clusters exercising every clause: selectors of all kinds, ipBlocks on pod IPs, named ports, endPort, hostNetwork.</summary>
internal static class RandomCluster
{
    private static readonly string[] Apps = ["web", "api", "db", "cache"];
    private static readonly string[] PortNames = ["http", "metrics", "dns"];

    public static ClusterSnapshot Build(int seed, int namespaces, int podsPerNamespace, int policies)
    {
        var rnd = new Random(seed);
        var objects = new List<IClusterObject>();
        for (var n = 0; n < namespaces; n++)
        {
            objects.Add(new NamespaceInfo { Name = $"ns{n}", Labels = LabelMap.Of(("team", n % 2 == 0 ? "red" : "blue")) });
            for (var p = 0; p < podsPerNamespace; p++)
            {
                var app = Apps[rnd.Next(Apps.Length)];
                var labels = rnd.Next(3) == 0 ? LabelMap.Of(("app", app), ("tier", "front")) : LabelMap.Of(("app", app));
                objects.Add(new PodInfo
                {
                    Namespace = $"ns{n}",
                    Name = $"p{p}",
                    Labels = labels,
                    HostNetwork = rnd.Next(15) == 0,
                    PodIps = [$"10.{n}.{p / 4}.{p + 2}"],
                    Containers =
                    [
                        new ContainerInfo
                        {
                            Name = "c",
                            Ports =
                            [
                                new ContainerPortInfo(PortNames[rnd.Next(PortNames.Length)], rnd.Next(2) == 0 ? 80 : 8080),
                                new ContainerPortInfo("dns", 53, "UDP"),
                            ],
                        },
                    ],
                });
            }
        }

        var snap = ClusterSnapshot.Create(new SourceInfo("file", "random"), objects);
        for (var i = 0; i < policies; i++)
        {
            objects.Add(Policy(rnd, snap, $"pol{i}"));
        }

        return ClusterSnapshot.Create(new SourceInfo("file", "random"), objects);
    }

    public static NetworkPolicyInfo Policy(Random rnd, ClusterSnapshot snap, string name)
    {
        var ns = snap.Namespaces[rnd.Next(snap.Namespaces.Count)].Name;
        var ingress = rnd.Next(3) != 0 ? Rules(rnd, snap) : null;
        var egress = rnd.Next(2) == 0 ? Rules(rnd, snap) : null;
        var types = rnd.Next(4) == 0 ? null : new List<string>();
        if (types is not null)
        {
            if (ingress is not null || rnd.Next(2) == 0)
            {
                types.Add("Ingress");
            }

            if (egress is not null)
            {
                types.Add("Egress");
            }
        }

        return new NetworkPolicyInfo
        {
            Namespace = ns,
            Name = name,
            PodSelector = Selector(rnd),
            PolicyTypes = types is null ? null : [.. types],
            Ingress = ingress is null ? null : [.. ingress],
            Egress = egress is null ? null : [.. egress],
        };
    }

    private static List<NetworkPolicyRuleInfo> Rules(Random rnd, ClusterSnapshot snap)
    {
        var list = new List<NetworkPolicyRuleInfo>();
        var count = rnd.Next(3);
        for (var i = 0; i < count; i++)
        {
            list.Add(new NetworkPolicyRuleInfo
            {
                Peers = rnd.Next(4) == 0 ? null : [.. Enumerable.Range(0, 1 + rnd.Next(2)).Select(_ => Peer(rnd, snap))],
                Ports = rnd.Next(3) == 0 ? null : [.. Enumerable.Range(0, 1 + rnd.Next(2)).Select(_ => Port(rnd))],
            });
        }

        return list;
    }

    private static NetworkPolicyPeerInfo Peer(Random rnd, ClusterSnapshot snap) => rnd.Next(5) switch
    {
        0 => new NetworkPolicyPeerInfo { PodSelector = Selector(rnd) },
        1 => new NetworkPolicyPeerInfo { NamespaceSelector = rnd.Next(2) == 0 ? LabelSelector.Everything : new LabelSelector { MatchLabels = LabelMap.Of(("team", "red")) } },
        2 => new NetworkPolicyPeerInfo { NamespaceSelector = new LabelSelector { MatchExpressions = [new LabelSelectorRequirement("kubernetes.io/metadata.name", "NotIn", ["ns0"])] }, PodSelector = Selector(rnd) },
        3 => new NetworkPolicyPeerInfo { IpBlock = new IpBlockInfo($"10.{rnd.Next(snap.Namespaces.Count)}.0.0/16", rnd.Next(2) == 0 ? [$"10.{rnd.Next(snap.Namespaces.Count)}.0.0/24"] : []) },
        _ => new NetworkPolicyPeerInfo { IpBlock = new IpBlockInfo("0.0.0.0/0", ["10.1.0.0/16"]) },
    };

    private static NetworkPolicyPortInfo Port(Random rnd) => rnd.Next(6) switch
    {
        0 => new NetworkPolicyPortInfo("TCP", "80"),
        1 => new NetworkPolicyPortInfo(null, "8000", 8100),
        2 => new NetworkPolicyPortInfo("TCP", PortNames[rnd.Next(PortNames.Length)]),
        3 => new NetworkPolicyPortInfo("UDP", rnd.Next(2) == 0 ? "53" : "dns"),
        4 => new NetworkPolicyPortInfo("SCTP", null),
        _ => new NetworkPolicyPortInfo(null, "81"),
    };

    private static LabelSelector Selector(Random rnd) => rnd.Next(5) switch
    {
        0 => LabelSelector.Everything,
        1 => new LabelSelector { MatchLabels = LabelMap.Of(("app", Apps[rnd.Next(Apps.Length)])) },
        2 => new LabelSelector { MatchExpressions = [new LabelSelectorRequirement("app", "In", [Apps[rnd.Next(Apps.Length)], Apps[rnd.Next(Apps.Length)]])] },
        3 => new LabelSelector { MatchExpressions = [new LabelSelectorRequirement("tier", rnd.Next(2) == 0 ? "Exists" : "DoesNotExist", [])] },
        _ => new LabelSelector { MatchExpressions = [new LabelSelectorRequirement("app", "NotIn", ["db"])] },
    };
}
