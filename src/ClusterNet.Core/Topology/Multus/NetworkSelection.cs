namespace ClusterNet.Core.Topology.Multus;

/// <summary>One network a pod asks for in <c>k8s.v1.cni.cncf.io/networks</c>; namespace null = the pod's.</summary>
public sealed record NetworkSelection(string? Namespace, string Name, string? Interface);
