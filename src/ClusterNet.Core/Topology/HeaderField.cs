namespace ClusterNet.Core.Topology;

/// <summary>One field of a header ("src", "10.244.1.2").</summary>
public sealed record HeaderField(string Name, string Value);
