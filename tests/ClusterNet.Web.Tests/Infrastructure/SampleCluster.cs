using ClusterNet.Core.Model;

namespace ClusterNet.Web.Tests.Infrastructure;

/// <summary>A small cluster after the user's notes: three nodes, dev/prod pods, a few Services.</summary>
public static class SampleCluster
{
    public static NodeInfo Node(string name, string ip, string cidr, bool ready = true) => new()
    {
        Name = name,
        Addresses = [new NodeAddress("InternalIP", ip), new NodeAddress("Hostname", name)],
        PodCidrs = [cidr],
        Ready = ready,
        KubeletVersion = "v1.20.2",
        KernelVersion = "5.10.0-21-amd64",
        OsImage = "Debian GNU/Linux 12 (bookworm)",
        Labels = LabelMap.Of(("kubernetes.io/hostname", name)),
    };

    public static PodInfo Pod(string ns, string name, string ip, string node, params (string Key, string Value)[] labels) => new()
    {
        Namespace = ns,
        Name = name,
        PodIps = [ip],
        NodeName = node,
        Phase = "Running",
        Ready = true,
        Labels = LabelMap.Of(labels),
        Containers = [new ContainerInfo { Name = "app", Image = "nginx:1.25", Ports = [new ContainerPortInfo("http", 80)] }],
    };

    /// <summary>A synced, connected snapshot of <paramref name="objects"/> (default <see cref="Objects"/>), as a source publishes it.</summary>
    public static ClusterSnapshot Snapshot(IEnumerable<IClusterObject>? objects = null, SourceInfo? source = null) =>
        new TestClusterSource(source, objects).Store.Current;

    public static IReadOnlyList<IClusterObject> Objects() =>
    [
        Node("master", "172.16.100.101", "10.244.0.0/24"),
        Node("node01", "172.16.100.102", "10.244.1.0/24"),
        Node("node02", "172.16.100.103", "10.244.2.0/24"),
        new NamespaceInfo { Name = "default" },
        new NamespaceInfo { Name = "dev" },
        new NamespaceInfo { Name = "prod" },
        Pod("dev", "pod1", "10.244.1.2", "node01", ("app", "web")),
        Pod("prod", "pod1", "10.244.2.2", "node02", ("app", "web")),
        Pod("prod", "pod2", "10.244.1.3", "node01", ("app", "api")),
        new ServiceInfo
        {
            Namespace = "dev", Name = "web", ClusterIps = ["10.96.10.10"], Selector = LabelMap.Of(("app", "web")),
            Ports = [new ServicePortInfo("http", 80, TargetPort: "http")],
        },
        new ServiceInfo
        {
            Namespace = "prod", Name = "web", Type = "LoadBalancer", ClusterIps = ["10.96.20.20"], Selector = LabelMap.Of(("app", "web")),
            ExternalTrafficPolicy = "Local", HealthCheckNodePort = 32000, LoadBalancerIngress = [new LoadBalancerIngressInfo("192.168.50.10", null)],
            Ports = [new ServicePortInfo("http", 80, NodePort: 30080)],
        },
    ];
}
