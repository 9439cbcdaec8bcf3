namespace ClusterNet.Core.Topology;

/// <summary>Kinds of graph elements, as they appear in JSON (<c>kind</c>) and in the page's styles.</summary>
public static class ElementKind
{
    /// <summary>A cluster node: the compound box holding its devices and pods.</summary>
    public const string Node = "node";
    /// <summary>The node's primary NIC (name from configuration, "eth0?" otherwise).</summary>
    public const string Nic = "nic";
    /// <summary>Linux bridge pods attach to (flannel <c>cni0</c>, kube-router <c>kube-bridge</c>).</summary>
    public const string Bridge = "bridge";
    /// <summary>A tunnel endpoint device: <c>flannel.1</c>, <c>flannel0</c>, <c>tunl0</c>, <c>vxlan.calico</c>, <c>cilium_vxlan</c>.</summary>
    public const string Tunnel = "tunnel";
    /// <summary>The host end of a pod's veth pair (<c>veth…</c>, <c>cali…</c>, <c>lxc…</c>).</summary>
    public const string Veth = "veth";
    public const string Pod = "pod";
    /// <summary>A hostNetwork pod: shares the node's network namespace, sits on the NIC.</summary>
    public const string HostNetworkPod = "hostpod";
    /// <summary><c>kube-ipvs0</c>: the dummy device holding every ClusterIP when kube-proxy runs in IPVS mode.</summary>
    public const string Ipvs = "ipvs";
    /// <summary>A Service VIP (ClusterIP).</summary>
    public const string Service = "service";
    /// <summary>A Gateway API Gateway: a VIP (its assigned address) with edges to its data-plane Service and its routes' backend Services.</summary>
    public const string Gateway = "gateway";
    /// <summary>An underlay L2 segment (node subnet), configured or inferred.</summary>
    public const string Segment = "segment";
    /// <summary>A pod's interface on a Multus secondary network (net1...): macvlan, ipvlan, SR-IOV, host-device.</summary>
    public const string SecondaryInterface = "secondary-if";
    /// <summary>The node NIC a macvlan/ipvlan/host-device network hangs off (<c>master</c> in the CNI config).</summary>
    public const string ParentNic = "parent-nic";
    /// <summary>An SR-IOV virtual function handed to a pod (PCI address from network-status).</summary>
    public const string VirtualFunction = "vf";
}
