using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Topology;

/// <summary>The devices a node has, in the order they are usually created, as <c>ip link</c> shows them.</summary>
internal static class LinkPredictor
{
    private const string Up = "BROADCAST,MULTICAST,UP,LOWER_UP";

    public static ImmutableArray<LinkEntry> Predict(TopologyGraph graph, NodeNetwork local, IReadOnlyList<PodInfo> pods)
    {
        var o = graph.Options;
        var links = new List<LinkEntry>
        {
            new() { Index = 1, Name = "lo", Flags = "LOOPBACK,UP,LOWER_UP", Mtu = 65536, LinkType = "link/loopback", Address = "00:00:00:00:00:00", Broadcast = "00:00:00:00:00:00" },
            new()
            {
                Index = 2, Name = o.NicRouteName, Flags = Up, Mtu = o.NicMtu, Qdisc = "fq_codel", State = "UP", ElementId = ElementIds.Nic(local.Name),
                Note = o.NicNameIsGuess ? "NIC name guessed" : null,
            },
        };

        void Add(LinkEntry e) => links.Add(e with { Index = links.Count + 1 });

        if (graph.KubeProxyMode == "ipvs")
        {
            Add(new LinkEntry
            {
                Index = 0, Name = "kube-ipvs0", Flags = "BROADCAST,NOARP", Mtu = 1500, Qdisc = "noop", State = "DOWN",
                ElementId = ElementIds.Device(local.Name, ElementIds.IpvsRole), Note = "holds every ClusterIP (ip addr show kube-ipvs0)",
            });
        }

        var cni = graph.Cni.Name;
        if (graph.Flannel is { } f)
        {
            var tunnelId = ElementIds.Device(local.Name, ElementIds.TunnelRole);
            switch (f.BackendType)
            {
                case "vxlan":
                    Add(new LinkEntry
                    {
                        Index = 0, Name = "flannel.1", Flags = Up, Mtu = graph.PodMtu, Address = local.Flannel?.VtepMac, ElementId = tunnelId,
                        Note = $"VXLAN VNI {local.Flannel?.Vni ?? f.Vni}, UDP {f.Port}; MAC = VtepMAC from the backend-data annotation",
                    });
                    break;
                case "udp":
                    Add(new LinkEntry
                    {
                        Index = 0, Name = "flannel0", Flags = "POINTOPOINT,MULTICAST,NOARP,UP,LOWER_UP", Mtu = graph.PodMtu, Qdisc = "fq_codel",
                        LinkType = "link/none", ElementId = tunnelId, Note = $"TUN device read by flanneld (UDP {f.Port})",
                    });
                    break;
                case "ipip":
                    Add(new LinkEntry
                    {
                        Index = 0, Name = "flannel.ipip@NONE", Flags = "NOARP,UP,LOWER_UP", Mtu = graph.PodMtu, LinkType = "link/ipip",
                        Address = local.PublicIp ?? "?", Broadcast = "0.0.0.0", ElementId = tunnelId,
                    });
                    break;
            }
        }

        if (cni == CniName.Calico && graph.Calico is { } calico)
        {
            if (calico.AnyIpip)
            {
                Add(new LinkEntry
                {
                    Index = 0, Name = "tunl0@NONE", Flags = "NOARP,UP,LOWER_UP", Mtu = calico.TunnelMtu(o.NicMtu, 20), LinkType = "link/ipip", Address = "0.0.0.0", Broadcast = "0.0.0.0",
                    ElementId = ElementIds.Device(local.Name, "tunl0"), Note = local.CalicoIpipAddress is null ? null : $"address {local.CalicoIpipAddress}",
                });
            }

            if (calico.AnyVxlan)
            {
                Add(new LinkEntry
                {
                    Index = 0, Name = "vxlan.calico", Flags = Up, Mtu = calico.TunnelMtu(o.NicMtu, 50), Address = local.CalicoVxlanMac,
                    ElementId = ElementIds.Device(local.Name, "vxlan.calico"), Note = $"VNI 4096, UDP {CalicoNaming.VxlanPort}",
                });
            }
        }

        if (cni == CniName.Cilium)
        {
            Add(new LinkEntry { Index = 0, Name = "cilium_net@cilium_host", Flags = "BROADCAST,MULTICAST,NOARP,UP,LOWER_UP", Mtu = o.NicMtu, State = "UP" });
            Add(new LinkEntry { Index = 0, Name = "cilium_host@cilium_net", Flags = "BROADCAST,MULTICAST,NOARP,UP,LOWER_UP", Mtu = o.NicMtu, State = "UP", ElementId = ElementIds.Device(local.Name, "cilium_host") });
            Add(new LinkEntry { Index = 0, Name = "cilium_vxlan", Flags = "BROADCAST,MULTICAST,UP,LOWER_UP", Mtu = o.NicMtu, ElementId = ElementIds.Device(local.Name, ElementIds.TunnelRole) });
        }

        var bridge = DataPlane.BridgeName(cni);
        if (bridge is not null)
        {
            Add(new LinkEntry
            {
                Index = 0, Name = bridge, Flags = Up, Mtu = graph.PodMtu, State = "UP", ElementId = ElementIds.Device(local.Name, ElementIds.BridgeRole),
                Note = "bridge all pods attach to",
            });
        }

        var netns = 0;
        foreach (var pod in pods)
        {
            var calicoName = cni is CniName.Calico or CniName.Canal;
            Add(new LinkEntry
            {
                Index = 0,
                Name = (calicoName ? CalicoNaming.VethName(pod.Namespace, pod.Name) : DataPlane.VethName(cni, pod)) + "@if3",
                Flags = Up,
                Mtu = graph.PodMtu,
                Master = bridge,
                State = "UP",
                Address = calicoName ? CalicoNaming.HostSideMac : null,
                Extra = $"link-netnsid {netns++}",
                ElementId = ElementIds.Veth(pod.Namespace, pod.Name),
                Note = $"veth of {pod.Namespace}/{pod.Name}" + (calicoName ? "" : " (host-end name is random)"),
            });
        }

        return [.. links];
    }
}
