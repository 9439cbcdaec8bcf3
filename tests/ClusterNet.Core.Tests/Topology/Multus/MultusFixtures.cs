using ClusterNet.Core.Model;

namespace ClusterNet.Core.Tests.Topology.Multus;

/// <summary>Multus objects on top of the flannel demo cluster: a macvlan bridge NAD, an ipvlan l2 NAD and an SR-IOV NAD, with pods attached.</summary>
internal static class MultusFixtures
{
    public static NetworkAttachmentDefinitionInfo Macvlan => new()
    {
        Namespace = "dev", Name = "macvlan-conf", CniType = "macvlan", Master = "ens1f0", Mode = "bridge", IpamType = "host-local", IpamRanges = ["192.168.1.0/24"],
    };

    public static NetworkAttachmentDefinitionInfo Ipvlan => new() { Namespace = "dev", Name = "ipvlan-l2", CniType = "ipvlan", Master = "eth1", Mode = "l2" };

    public static NetworkAttachmentDefinitionInfo Sriov => new()
    {
        Namespace = "prod", Name = "sriov-net", CniType = "sriov", ResourceName = "intel.com/intel_sriov_netdevice", Vlan = 100,
    };

    public const string MacvlanStatus = """
        [{"name":"cbr0","interface":"eth0","ips":["10.244.1.2"],"mac":"0a:58:0a:f4:01:02","default":true,"dns":{}},
         {"name":"dev/macvlan-conf","interface":"net1","ips":["192.168.1.200"],"mac":"c2:11:22:33:44:55","dns":{}}]
        """;

    public const string SriovStatus = """
        [{"name":"cbr0","interface":"eth0","ips":["10.244.2.2"],"default":true},
         {"name":"prod/sriov-net","interface":"net1","ips":["10.56.217.10"],"mac":"ca:fe:00:00:00:01",
          "device-info":{"type":"pci","version":"1.1.0","pci":{"pci-address":"0000:3b:02.1"}}}]
        """;

    public static PodInfo WithAnnotations(PodInfo pod, params (string, string)[] annotations) => pod with { Annotations = LabelMap.Of(annotations) };

    /// <summary>The flannel demo plus: dev/pod-a on macvlan (status), dev/pod-c requesting ipvlan (no status yet), prod/pod-b on SR-IOV.</summary>
    public static List<IClusterObject> Objects(bool withPolicy = true)
    {
        var list = TopologyFixtures.DemoObjects();
        Replace(list, "dev", "pod-a", p => WithAnnotations(p, ("k8s.v1.cni.cncf.io/networks", "macvlan-conf"), ("k8s.v1.cni.cncf.io/network-status", MacvlanStatus)));
        Replace(list, "dev", "pod-c", p => WithAnnotations(p, ("k8s.v1.cni.cncf.io/networks", "ipvlan-l2@data0")));
        Replace(list, "prod", "pod-b", p => WithAnnotations(p, ("k8s.v1.cni.cncf.io/networks", "sriov-net"), ("k8s.v1.cni.cncf.io/network-status", SriovStatus)));
        list.AddRange([Macvlan, Ipvlan, Sriov]);
        if (withPolicy)
        {
            list.Add(new NetworkPolicyInfo { Namespace = "dev", Name = "deny-all-ingress", PolicyTypes = ["Ingress"] });
            list.Add(new MultiNetworkPolicyInfo
            {
                Namespace = "dev", Name = "macvlan-ingress", PolicyFor = ["macvlan-conf"], PolicyTypes = ["Ingress"], IngressRules = 1,
                PodSelector = new LabelSelector { MatchLabels = LabelMap.Of(("app", "web")) },
            });
        }

        return list;
    }

    private static void Replace(List<IClusterObject> list, string ns, string name, Func<PodInfo, PodInfo> change)
    {
        var i = list.FindIndex(o => o is PodInfo p && p.Namespace == ns && p.Name == name);
        list[i] = change((PodInfo)list[i]);
    }
}
