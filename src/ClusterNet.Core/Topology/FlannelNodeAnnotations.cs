namespace ClusterNet.Core.Topology;

/// <summary>What flanneld published for one node. Null members were missing or invalid (a warning says which).</summary>
public sealed record FlannelNodeAnnotations(string? BackendType, int? Vni, string? VtepMac, string? PublicIp);
