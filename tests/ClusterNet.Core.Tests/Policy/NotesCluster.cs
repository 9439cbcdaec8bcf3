using ClusterNet.Core.Model;
using static ClusterNet.Core.Tests.Policy.Np;

namespace ClusterNet.Core.Tests.Policy;

/// <summary>The user's notes (16.6.3): dev/pod1 and prod/pod1 (app=myapp) and the three example policies.</summary>
internal static class NotesCluster
{
    public static PodInfo Pod(string ns, string name, string ip, bool hostNetwork = false, params ContainerPortInfo[] ports) => new()
    {
        Namespace = ns,
        Name = name,
        Labels = LabelMap.Of(("app", "myapp")),
        Phase = "Running",
        HostNetwork = hostNetwork,
        PodIps = [ip],
        Containers = [new ContainerInfo { Name = "myapp", Image = "ikubernetes/myapp:v1", Ports = [.. ports] }],
    };

    public static NetworkPolicyInfo DenyAllIngress => NetPol("dev", "deny-all-ingress", All, ingress: []);

    public static NetworkPolicyInfo Allow80Ingress => NetPol("dev", "allow-80-ingress", Sel(("app", "myapp")),
        ingress: [Rule([Ip("10.244.0.0/16", "10.244.1.2/32")], [Port(80, "TCP"), Port(443, "TCP")])]);

    public static NetworkPolicyInfo DenyAllEgress => NetPol("prod", "deny-all-egress", All, egress: []);

    public static List<IClusterObject> Objects(params NetworkPolicyInfo[] policies) =>
    [
        new NamespaceInfo { Name = "dev" },
        new NamespaceInfo { Name = "prod" },
        Pod("dev", "pod1", "10.244.1.2"),
        Pod("dev", "pod2", "10.244.1.3"),
        Pod("prod", "pod1", "10.244.2.2"),
        new NodeInfo { Name = "node1", PodCidrs = ["10.244.1.0/24"] },
        new NodeInfo { Name = "node2", PodCidrs = ["10.244.2.0/24"] },
        .. policies,
    ];

    public static ClusterSnapshot Snapshot(params NetworkPolicyInfo[] policies) => ClusterSnapshot.Create(new SourceInfo("demo", "notes"), Objects(policies));
}
