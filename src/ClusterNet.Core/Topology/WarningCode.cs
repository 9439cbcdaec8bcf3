namespace ClusterNet.Core.Topology;

/// <summary>Stable codes of the topology's findings (tests and the UI key on them).</summary>
public static class WarningCode
{
    public const string NetConfInvalid = "netconf-invalid";
    public const string NetConfMissing = "netconf-missing";
    public const string PodIpOutsidePodCidr = "pod-ip-outside-podcidr";
    public const string PodCidrOverlap = "podcidr-overlap";
    public const string PodCidrMissing = "podcidr-missing";
    public const string PodCidrInvalid = "podcidr-invalid";
    public const string PodCidrOutsideNetwork = "podcidr-outside-network";
    public const string FlannelAnnotationMissing = "flannel-annotation-missing";
    public const string FlannelAnnotationInvalid = "flannel-annotation-invalid";
    public const string HostGwCrossSubnet = "hostgw-cross-subnet";
    public const string PolicyNotEnforced = "policy-not-enforced";
    public const string NodeSubnetInferred = "node-subnet-inferred";
    public const string NodeSubnetInvalid = "node-subnet-invalid";
    public const string NodeIpMissing = "node-ip-missing";
    public const string PodOnUnknownNode = "pod-on-unknown-node";
    public const string CniUnknown = "cni-unknown";
    public const string MeshEdgesOmitted = "mesh-edges-omitted";
    /// <summary>Pods on a Multus secondary network: NetworkPolicy does not apply there.</summary>
    public const string SecondaryNetworkUnpoliced = "secondary-network-unpoliced";
    /// <summary>A pod's network-status or networks annotation could not be read.</summary>
    public const string NetworkStatusInvalid = "network-status-invalid";
    /// <summary>A NetworkAttachmentDefinition's spec.config is not a readable CNI config.</summary>
    public const string NetworkAttachmentConfigInvalid = "nad-config-invalid";
    /// <summary>A pod names a network that no NetworkAttachmentDefinition in the snapshot defines.</summary>
    public const string NetworkAttachmentMissing = "nad-missing";
}
