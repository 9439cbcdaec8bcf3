namespace ClusterNet.Core.Topology;

/// <summary>
/// Decides how <c>local</c> reaches <c>peer</c>'s pods, following each plugin's code (domain.md §3–4):
/// flannel vxlan routes via the peer subnet's network address on flannel.1 onlink; DirectRouting and host-gw route via
/// the peer's public IP on the NIC (not via 10.244.x.0 as the notes' sample table shows); Calico picks IPIP, VXLAN or
/// plain BGP routes per IPPool mode, CrossSubnet meaning "only when the peer is on another segment".
/// </summary>
public static class PathPlanner
{
    public static PeerPath Between(TopologyGraph graph, NodeNetwork local, NodeNetwork peer, uint? destinationIp = null)
    {
        var nic = graph.Options.NicRouteName;
        var nicId = ElementIds.Nic(local.Name);
        var peerIp = peer.PublicIp ?? peer.NodeIp;
        var sameSegment = local.SharesSegmentWith(peer);
        var tunnelId = ElementIds.Device(local.Name, ElementIds.TunnelRole);

        if (graph.Flannel is { } f)
        {
            var subnetAddress = peer.PodCidr is { } pc ? Ipv4Cidr.FormatAddress(pc.Network) : null;
            switch (f.BackendType)
            {
                case "vxlan" when f.DirectRouting && sameSegment:
                    return new PeerPath
                    {
                        Mode = "direct-routing", Device = nic, DeviceId = nicId, Via = peerIp,
                        Note = "DirectRouting: peer on the same L2 segment, routed via its public IP on the NIC (flannel's code; the notes' table shows via 10.244.x.0)",
                    };
                case "vxlan":
                    return new PeerPath
                    {
                        Mode = "vxlan", Device = "flannel.1", DeviceId = tunnelId, Via = subnetAddress, Onlink = true,
                        Encapsulation = "vxlan", Overhead = 50, UdpPort = f.Port, Vni = peer.Flannel?.Vni ?? f.Vni,
                        Note = f.DirectRouting ? "DirectRouting is on, but the peer is not on this node's L2 segment: VXLAN" : null,
                    };
                case "host-gw":
                    return new PeerPath
                    {
                        Mode = "host-gw", Device = nic, DeviceId = nicId, Via = peerIp,
                        Note = sameSegment ? null : "host-gw needs every node on one L2 segment: the kernel rejects this route (gateway not directly reachable)",
                    };
                case "udp":
                    return new PeerPath
                    {
                        Mode = "udp", Device = "flannel0", DeviceId = tunnelId, Encapsulation = "udp", Overhead = 28, UdpPort = f.Port,
                        Note = "udp backend: flanneld encapsulates in user space; slow, for debugging only",
                    };
                case "ipip":
                    return new PeerPath
                    {
                        Mode = "ipip", Device = "flannel.ipip", DeviceId = tunnelId, Via = peerIp, Onlink = true, Encapsulation = "ipip", Overhead = 20,
                    };
                default:
                    return new PeerPath { Mode = f.BackendType, Device = DataPlane.FlannelTunnelName(f.BackendType) ?? nic, DeviceId = tunnelId, Note = $"backend {f.BackendType}: path not modelled" };
            }
        }

        switch (graph.Cni.Name)
        {
            case CniName.Calico:
            {
                var pool = destinationIp is { } ip ? graph.Calico?.PoolFor(ip) : peer.CalicoBlocks.Select(b => graph.Calico?.PoolFor(b.Network)).FirstOrDefault(p => p is not null);
                var ipip = pool?.IpipMode ?? "Never";
                var vxlan = pool?.VxlanMode ?? "Never";
                var backend = graph.Calico?.Backend ?? CalicoBackends.Bird;
                var poolText = pool is null ? "" : $"IPPool {pool.Name}" + (graph.Calico is { PoolSource: not CalicoPoolSource.IpPoolObject } cs ? $" ({CalicoPoolSources.Word(cs.PoolSource)})" : "");
                if (vxlan == "Always" || (vxlan == "CrossSubnet" && !sameSegment))
                {
                    return new PeerPath
                    {
                        Mode = "calico-vxlan", Device = "vxlan.calico", DeviceId = ElementIds.Device(local.Name, "vxlan.calico"),
                        Via = peer.CalicoVxlanAddress, Onlink = true, Encapsulation = "vxlan", Overhead = 50, UdpPort = CalicoNaming.VxlanPort, Vni = 4096,
                        Proto = CalicoSettings.RouteProto(vxlan: true),
                        Note = $"{poolText} vxlanMode {vxlan}: Felix programs VXLAN routes (proto 80), not BIRD",
                    };
                }

                if (ipip == "Always" || (ipip == "CrossSubnet" && !sameSegment))
                {
                    return new PeerPath
                    {
                        Mode = "calico-ipip", Device = "tunl0", DeviceId = ElementIds.Device(local.Name, "tunl0"), Via = peerIp, Onlink = true,
                        Encapsulation = "ipip", Overhead = 20, Proto = "bird",
                        Note = backend == CalicoBackends.Bird
                            ? $"{poolText} ipipMode {ipip}"
                            : $"{poolText} ipipMode {ipip}, but backend {backend} runs no BIRD: nothing installs this route (IPIP needs the bird backend)",
                    };
                }

                if (vxlan == "CrossSubnet")
                {
                    // Felix's VXLAN route manager also programs the unencapsulated routes to same-subnet peers.
                    return new PeerPath
                    {
                        Mode = "calico-bgp", Device = nic, DeviceId = nicId, Via = peerIp, Proto = CalicoSettings.RouteProto(vxlan: true),
                        Note = $"{poolText} vxlanMode CrossSubnet, peer on this subnet: Felix routes it directly, without VXLAN",
                    };
                }

                return new PeerPath
                {
                    Mode = "calico-bgp", Device = nic, DeviceId = nicId, Via = peerIp, Proto = "bird",
                    Note = backend != CalicoBackends.Bird
                        ? $"backend {backend} runs no BGP and the pool has no overlay: nothing installs this route"
                        : sameSegment ? (pool is null ? "no IPPool in the snapshot: plain BGP routes assumed" : null)
                        : "no overlay and the peer is on another segment: the underlay routers must know the pod routes (BGP peering with them)",
                };
            }
            case CniName.KubeRouter:
                return sameSegment
                    ? new PeerPath { Mode = "kube-router", Device = nic, DeviceId = nicId, Via = peerIp, Proto = "17" }
                    : new PeerPath
                    {
                        Mode = "kube-router-ipip", Device = "tun-" + (peerIp ?? "").Replace(".", "", StringComparison.Ordinal), DeviceId = nicId, Via = peerIp,
                        Onlink = true, Encapsulation = "ipip", Overhead = 20, Proto = "17",
                        Note = "kube-router's overlay (subnet type) tunnels to peers on other segments; the tun- device name is derived from the peer IP",
                    };
            case CniName.Cilium:
                return new PeerPath
                {
                    Mode = "cilium-vxlan", Device = "cilium_host", DeviceId = ElementIds.Device(local.Name, "cilium_host"), Via = local.CiliumHostIp,
                    Encapsulation = "vxlan", Overhead = 50, UdpPort = 8472, Note = "cilium (tunnel mode assumed): eBPF forwards into cilium_vxlan",
                };
            default:
                return new PeerPath { Mode = "unknown", Device = nic, DeviceId = nicId, Via = peerIp, Note = "CNI unknown: assumed routed via the peer's node IP" };
        }
    }
}
