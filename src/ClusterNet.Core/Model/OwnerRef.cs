namespace ClusterNet.Core.Model;

/// <summary>The controller owner reference (Kind: ReplicaSet, DaemonSet, StatefulSet, Job...).</summary>
public sealed record OwnerRef(string Kind, string Name);
