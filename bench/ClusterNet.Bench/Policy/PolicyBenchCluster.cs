using ClusterNet.Core.Model;

namespace ClusterNet.Bench.Policy;

/// <summary>
/// A synthetic cluster at the scale: pods spread over namespaces with app/tier labels, 20 distinct container
/// ports (some named), and policies of the shapes real clusters use: default deny, same-namespace app allow-lists,
/// cross-namespace by namespace label, egress to shared services, ipBlocks for external ranges, named ports, endPort.
/// </summary>
public static class PolicyBenchCluster
{
    private static readonly string[] Apps = ["web", "api", "worker", "db", "cache", "auth", "search", "queue", "billing", "report"];

    public static ClusterSnapshot Build(int pods = 10_000, int namespaces = 200, int policies = 2_000, int ports = 20, int seed = 42)
    {
        var rnd = new Random(seed);
        var objects = new List<IClusterObject>(pods + namespaces + policies);
        for (var n = 0; n < namespaces; n++)
        {
            objects.Add(new NamespaceInfo { Name = $"ns-{n:D3}", Labels = LabelMap.Of(("team", $"t{n % 20}"), ("env", n % 3 == 0 ? "prod" : "dev")) });
        }

        for (var i = 0; i < pods; i++)
        {
            var n = i % namespaces;
            var app = Apps[rnd.Next(Apps.Length)];
            var port = 8000 + rnd.Next(ports);
            objects.Add(new PodInfo
            {
                Namespace = $"ns-{n:D3}",
                Name = $"{app}-{i}",
                Labels = LabelMap.Of(("app", app), ("tier", rnd.Next(2) == 0 ? "front" : "back")),
                Phase = "Running",
                PodIps = [$"10.{64 + (i >> 16)}.{(i >> 8) & 255}.{i & 255}"],
                Containers = [new ContainerInfo { Name = app, Ports = [new ContainerPortInfo(port % 4 == 0 ? "http" : $"p{port}", port)] }],
            });
        }

        for (var p = 0; p < policies; p++)
        {
            var ns = $"ns-{p % namespaces:D3}";
            objects.Add((p / namespaces % 5) switch
            {
                0 => new NetworkPolicyInfo { Namespace = ns, Name = $"default-deny-{p}", PolicyTypes = ["Ingress"] },
                1 => new NetworkPolicyInfo
                {
                    Namespace = ns,
                    Name = $"allow-app-{p}",
                    PodSelector = Labels(("app", Apps[rnd.Next(Apps.Length)])),
                    PolicyTypes = ["Ingress"],
                    Ingress = [new NetworkPolicyRuleInfo
                    {
                        Peers = [new NetworkPolicyPeerInfo { PodSelector = Labels(("app", Apps[rnd.Next(Apps.Length)])) }],
                        Ports = [new NetworkPolicyPortInfo("TCP", (8000 + rnd.Next(ports)).ToString()), new NetworkPolicyPortInfo("TCP", "http")],
                    }],
                },
                2 => new NetworkPolicyInfo
                {
                    Namespace = ns,
                    Name = $"allow-team-{p}",
                    PodSelector = new LabelSelector { MatchExpressions = [new LabelSelectorRequirement("tier", "In", ["front"])] },
                    PolicyTypes = ["Ingress"],
                    Ingress = [new NetworkPolicyRuleInfo
                    {
                        Peers = [new NetworkPolicyPeerInfo { NamespaceSelector = Labels(("team", $"t{rnd.Next(20)}")), PodSelector = Labels(("tier", "front")) }],
                        Ports = [new NetworkPolicyPortInfo("TCP", "8000", 8000 + (ports / 2))],
                    }],
                },
                3 => new NetworkPolicyInfo
                {
                    Namespace = ns,
                    Name = $"egress-{p}",
                    PodSelector = Labels(("app", Apps[rnd.Next(Apps.Length)])),
                    PolicyTypes = ["Egress"],
                    Egress =
                    [
                        new NetworkPolicyRuleInfo { Peers = [new NetworkPolicyPeerInfo { NamespaceSelector = Labels(("env", "prod")) }], Ports = [new NetworkPolicyPortInfo("TCP", "http")] },
                        new NetworkPolicyRuleInfo { Peers = [new NetworkPolicyPeerInfo { IpBlock = new IpBlockInfo("0.0.0.0/0", ["10.0.0.0/8"]) }] },
                    ],
                },
                _ => new NetworkPolicyInfo
                {
                    Namespace = ns,
                    Name = $"allow-cidr-{p}",
                    PodSelector = Labels(("tier", "back")),
                    PolicyTypes = ["Ingress"],
                    Ingress = [new NetworkPolicyRuleInfo { Peers = [new NetworkPolicyPeerInfo { IpBlock = new IpBlockInfo($"10.64.{rnd.Next(40)}.0/24", []) }] }],
                },
            });
        }

        return ClusterSnapshot.Create(new SourceInfo("file", "bench"), objects);
    }

    private static LabelSelector Labels(params (string, string)[] l) => new() { MatchLabels = LabelMap.Of(l) };
}
