using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Bench.Store;

/// <summary>
/// A deterministic cluster of realistic-looking records (labels, containers with ports, owners, service ports,
/// policies with peers) for store benchmarks: the shape of what the live source produces, without a cluster.
/// </summary>
public sealed class SyntheticCluster
{
    private SyntheticCluster(List<PodInfo> pods, List<ServiceInfo> services, List<NetworkPolicyInfo> policies)
    {
        Pods = pods;
        Services = services;
        Policies = policies;
    }

    public IReadOnlyList<PodInfo> Pods { get; }

    public IReadOnlyList<ServiceInfo> Services { get; }

    public IReadOnlyList<NetworkPolicyInfo> Policies { get; }

    public static SyntheticCluster Build(int pods = 10_000, int services = 2_000, int policies = 1_000, int namespaces = 50)
    {
        var podList = new List<PodInfo>(pods);
        for (var i = 0; i < pods; i++)
        {
            podList.Add(Pod(i, namespaces, $"10.244.{i / 250 % 250}.{(i % 250) + 2}"));
        }

        var serviceList = new List<ServiceInfo>(services);
        for (var i = 0; i < services; i++)
        {
            serviceList.Add(new ServiceInfo
            {
                Namespace = Ns(i, namespaces),
                Name = $"svc-{i}",
                Uid = $"svc-uid-{i}",
                Labels = LabelMap.Of(("app", $"app-{i}")),
                Type = i % 10 == 0 ? "NodePort" : "ClusterIP",
                ClusterIps = [$"10.96.{i / 250}.{(i % 250) + 1}"],
                Ports = [new ServicePortInfo("http", 80, "TCP", "http", i % 10 == 0 ? 30000 + (i % 2000) : null)],
                Selector = LabelMap.Of(("app", $"app-{i}")),
            });
        }

        var policyList = new List<NetworkPolicyInfo>(policies);
        for (var i = 0; i < policies; i++)
        {
            policyList.Add(new NetworkPolicyInfo
            {
                Namespace = Ns(i, namespaces),
                Name = $"np-{i}",
                Uid = $"np-uid-{i}",
                PodSelector = new LabelSelector { MatchLabels = LabelMap.Of(("app", $"app-{i % services}")) },
                PolicyTypes = ["Ingress"],
                Ingress =
                [
                    new NetworkPolicyRuleInfo
                    {
                        Peers = [new NetworkPolicyPeerInfo { NamespaceSelector = new LabelSelector { MatchLabels = LabelMap.Of(("team", "web")) } }],
                        Ports = [new NetworkPolicyPortInfo("TCP", "80")],
                    },
                ],
            });
        }

        return new SyntheticCluster(podList, serviceList, policyList);
    }

    /// <summary>Pod <paramref name="i"/> with another IP and a label carrying a sequence number (what a restart looks like).</summary>
    public static PodInfo Pod(int i, int namespaces, string ip, long sequence = 0) => new()
    {
        Namespace = Ns(i, namespaces),
        Name = $"pod-{i}",
        Uid = $"pod-uid-{i}",
        Labels = LabelMap.Of(("app", $"app-{i % 2000}"), ("pod-template-hash", "5d8f7c9b4"), ("seq", sequence.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        NodeName = $"node-{i % 100}",
        Phase = "Running",
        Ready = true,
        PodIps = [ip],
        HostIp = $"172.16.{i % 100 / 250}.{(i % 100) + 10}",
        Containers =
        [
            new ContainerInfo { Name = "app", Image = "registry.example/app:1.2.3", Ports = [new ContainerPortInfo("http", 8080)] },
            new ContainerInfo { Name = "sidecar", Image = "registry.example/proxy:2.0", Ports = [new ContainerPortInfo("metrics", 9090)] },
        ],
        Owner = new OwnerRef("ReplicaSet", $"app-{i % 2000}-5d8f7c9b4"),
        ServiceAccountName = "default",
    };

    public static string Ns(int i, int namespaces) => $"ns-{i % namespaces}";

    public IEnumerable<IClusterObject> All => Pods.Cast<IClusterObject>().Concat(Services).Concat(Policies);
}
