namespace ClusterNet.Core.Topology.Multus;

/// <summary>A parsed CNI config, or why it could not be read (<see cref="Error"/> names the problem and where).</summary>
public sealed record CniConfigResult(CniConfigSummary? Config, string? Error);
