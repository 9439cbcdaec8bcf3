using System.Collections.Immutable;
using ClusterNet.Core.Model;
using ClusterNet.Core.Topology;

namespace ClusterNet.Core.Tests.Topology;

/// <summary>Clusters built from records: the demo cluster of the notes and its variants per CNI/backend.</summary>
internal static class TopologyFixtures
{
    public static readonly SourceInfo Source = new("file", "test");

    public const string MasterMac = "9a:6e:c9:5f:82:85";
    public const string Node01Mac = "4e:1f:6b:00:00:01";
    public const string Node02Mac = "4e:1f:6b:00:00:02";

    public static string NetConf(string backend = "vxlan", bool directRouting = true) =>
        "{\"Network\":\"10.244.0.0/16\",\"SubnetLen\":24,\"SubnetMin\":\"10.244.0.0\",\"SubnetMax\":\"10.244.255.0\",\"Backend\":{\"Type\":\"" + backend + "\""
        + (directRouting ? ",\"DirectRouting\":true" : "") + "}}";

    public static NodeInfo FlannelNode(string name, string ip, string podCidr, string mac, string backend = "vxlan") => new()
    {
        Name = name,
        Addresses = [new NodeAddress("InternalIP", ip), new NodeAddress("Hostname", name)],
        PodCidrs = [podCidr],
        Ready = true,
        KernelVersion = "5.10.0",
        Labels = LabelMap.Of(("kubernetes.io/hostname", name)),
        Annotations = LabelMap.Of(
            (FlannelAnnotations.BackendType, backend),
            (FlannelAnnotations.BackendData, backend == "vxlan" ? $$"""{"VNI":1,"VtepMAC":"{{mac}}"}""" : "null"),
            (FlannelAnnotations.PublicIp, ip),
            (FlannelAnnotations.KubeSubnetManager, "true")),
    };

    public static PodInfo Pod(string ns, string name, string node, string ip, bool hostNetwork = false, params (string, string)[] labels) => new()
    {
        Namespace = ns,
        Name = name,
        NodeName = node,
        PodIps = [ip],
        Phase = "Running",
        Ready = true,
        HostNetwork = hostNetwork,
        Labels = LabelMap.Of(labels),
        Containers = [new ContainerInfo { Name = "main", Image = "nginx", Ports = [new ContainerPortInfo("http", 8080)] }],
    };

    public static ConfigMapInfo ConfigMap(string ns, string name, string key, string value) => new()
    {
        Namespace = ns,
        Name = name,
        Data = LabelMap.Of((key, value)),
    };

    public static ConfigMapInfo KubeProxy(string mode) =>
        ConfigMap("kube-system", "kube-proxy", "config.conf", $"apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nipvs:\n  scheduler: \"\"\nmode: \"{mode}\"\n");

    public static WorkloadInfo DaemonSet(string ns, string name) => new() { Kind = "DaemonSet", Namespace = ns, Name = name, HostNetwork = true };

    /// <summary>
    /// The demo cluster of the notes: master .101 (10.244.0.0/24), node01 .102 (10.244.1.0/24), node02 .103 (10.244.2.0/24),
    /// flannel vxlan + DirectRouting, kube-proxy IPVS, pods 10.244.1.2 (dev) and 10.244.2.2 (prod), a flannel hostNetwork pod.
    /// </summary>
    public static List<IClusterObject> DemoObjects(string backend = "vxlan", bool directRouting = true, string proxyMode = "ipvs") =>
    [
        FlannelNode("master", "172.16.100.101", "10.244.0.0/24", MasterMac, backend),
        FlannelNode("node01", "172.16.100.102", "10.244.1.0/24", Node01Mac, backend),
        FlannelNode("node02", "172.16.100.103", "10.244.2.0/24", Node02Mac, backend),
        new NamespaceInfo { Name = "dev" },
        new NamespaceInfo { Name = "prod" },
        new NamespaceInfo { Name = "kube-system" },
        DaemonSet("kube-system", "kube-flannel-ds"),
        ConfigMap("kube-system", "kube-flannel-cfg", "net-conf.json", NetConf(backend, directRouting)),
        KubeProxy(proxyMode),
        Pod("dev", "pod-a", "node01", "10.244.1.2", false, ("app", "web")),
        Pod("dev", "pod-c", "node01", "10.244.1.3", false, ("app", "client")),
        Pod("prod", "pod-b", "node02", "10.244.2.2", false, ("app", "db")),
        Pod("kube-system", "kube-flannel-ds-m1", "master", "172.16.100.101", true) with { Owner = new OwnerRef("DaemonSet", "kube-flannel-ds") },
        new ServiceInfo
        {
            Namespace = "prod", Name = "db", ClusterIps = ["10.96.0.100"],
            Ports = [new ServicePortInfo("http", 80, "TCP", "http")], Selector = LabelMap.Of(("app", "db")),
        },
        new EndpointSetInfo
        {
            Namespace = "prod", Name = "db-abcde", ServiceName = "db",
            Addresses = [new EndpointAddressInfo("10.244.2.2", "node02", true, "Pod", "prod", "pod-b")],
            Ports = [new EndpointPortInfo("http", 8080)],
        },
    ];

    public static ClusterSnapshot Snapshot(IEnumerable<IClusterObject> objects, long version = 1) => ClusterSnapshot.Create(Source, objects, version);

    public static TopologyGraph Demo(TopologyOptions? options = null, string backend = "vxlan", bool directRouting = true, string proxyMode = "ipvs") =>
        TopologyBuilder.Build(Snapshot(DemoObjects(backend, directRouting, proxyMode)), options);

    /// <summary>Three calico nodes, pool modes as given, pods on node01/node02.</summary>
    public static List<IClusterObject> CalicoObjects(string ipip = "Always", string vxlan = "Never", bool mesh = true) =>
    [
        CalicoNode("master", "172.16.100.101", "10.244.219.64"),
        CalicoNode("node01", "172.16.100.102", "10.244.1.64"),
        CalicoNode("node02", "172.16.200.103", "10.244.2.64"),
        DaemonSet("kube-system", "calico-node"),
        new IpPoolInfo { Name = "default-ipv4-ippool", Cidr = "10.244.0.0/16", IpipMode = ipip, VxlanMode = vxlan, NatOutgoing = true, BlockSize = 26 },
        new BgpConfigurationInfo { Name = "default", NodeToNodeMeshEnabled = mesh },
        Pod("dev", "pod-a", "node01", "10.244.1.66"),
        Pod("prod", "pod-b", "node02", "10.244.2.70"),
        new NetworkPolicyInfo { Namespace = "dev", Name = "deny-all-ingress", PolicyTypes = ["Ingress"] },
    ];

    public static NodeInfo CalicoNode(string name, string ip, string tunnel) => new()
    {
        Name = name,
        Addresses = [new NodeAddress("InternalIP", ip)],
        Annotations = LabelMap.Of(
            (CalicoNaming.AddressAnnotation, ip + "/24"),
            (CalicoNaming.IpipAnnotation, tunnel),
            (CalicoNaming.VxlanAnnotation, tunnel.Replace(".64", ".65", StringComparison.Ordinal)),
            (CalicoNaming.VxlanMacAnnotation, "66:00:00:00:00:" + ip[^2..])),
    };

    public static TopologyOptions Subnets(params string[] cidrs) => new() { NodeSubnets = [.. cidrs] };

    public static string[] RouteLines(TopologyGraph graph, string node) =>
        [.. RoutePredictor.Predict(graph, node)!.Routes.Select(r => r.ToString())];
}
