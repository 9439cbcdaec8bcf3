namespace ClusterNet.Core.ClientIp;

/// <summary>An input the analysis used, as "field = value (where it came from)".</summary>
public sealed record ClientIpEvidence(string Field, string Value, string? Source = null);
