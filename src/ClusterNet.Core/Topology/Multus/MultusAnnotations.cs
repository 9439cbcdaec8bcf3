namespace ClusterNet.Core.Topology.Multus;

/// <summary>The annotations Multus and its ecosystem read and write (Network Plumbing WG de-facto standard).</summary>
public static class MultusAnnotations
{
    /// <summary>On a pod: the secondary networks it asks for ("net-a, ns/net-b@eth1" or a JSON list of selection elements).</summary>
    public const string Networks = "k8s.v1.cni.cncf.io/networks";
    /// <summary>On a pod: what Multus attached (JSON list: name, interface, ips, mac, default, device-info).</summary>
    public const string NetworkStatus = "k8s.v1.cni.cncf.io/network-status";
    /// <summary>On a NetworkAttachmentDefinition: the device plugin resource (SR-IOV VFs) pods must request.</summary>
    public const string ResourceName = "k8s.v1.cni.cncf.io/resourceName";
    /// <summary>On a MultiNetworkPolicy: the networks it applies to.</summary>
    public const string PolicyFor = "k8s.v1.cni.cncf.io/policy-for";
}
