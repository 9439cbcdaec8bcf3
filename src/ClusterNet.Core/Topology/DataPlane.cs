using ClusterNet.Core.Model;

namespace ClusterNet.Core.Topology;

/// <summary>Device names and MTUs per CNI and backend: what each plugin creates on a node.</summary>
internal static class DataPlane
{
    /// <summary>The bridge pods attach to, or null for routed plugins (calico, canal, cilium).</summary>
    public static string? BridgeName(string cni) => cni switch
    {
        CniName.Flannel => "cni0",
        CniName.KubeRouter => "kube-bridge",
        _ => null,
    };

    /// <summary>flannel's tunnel device per backend (host-gw has none).</summary>
    public static string? FlannelTunnelName(string backend) => backend switch
    {
        "vxlan" => "flannel.1",
        "udp" => "flannel0",
        "ipip" => "flannel.ipip",
        "wireguard" => "flannel-wg",
        _ => null,
    };

    public static string VethName(string cni, PodInfo pod) => cni switch
    {
        CniName.Calico or CniName.Canal => CalicoNaming.VethName(pod.Namespace, pod.Name),
        CniName.Cilium => "lxc…",
        _ => "veth…",
    };

    public static string VethLabel(string cni, PodInfo pod) => cni switch
    {
        CniName.Calico or CniName.Canal => CalicoNaming.VethName(pod.Namespace, pod.Name),
        _ => $"veth of {pod.Name}",
    };

    public static int PodMtu(string cni, FlannelSettings? flannel, CalicoSettings? calico, int nicMtu)
    {
        if (flannel is not null)
        {
            return nicMtu - flannel.Overhead;
        }

        return cni switch
        {
            CniName.Calico when calico is not null && calico.AnyVxlan => calico.TunnelMtu(nicMtu, 50),
            CniName.Calico when calico is not null && calico.AnyIpip => calico.TunnelMtu(nicMtu, 20),
            CniName.Calico when calico is not null => calico.TunnelMtu(nicMtu, 0),
            CniName.Cilium => nicMtu - 50,
            _ => nicMtu,
        };
    }
}
