namespace ClusterNet.Core.Model;

/// <summary>A node address as in status.addresses (Type: InternalIP, ExternalIP, Hostname...).</summary>
public sealed record NodeAddress(string Type, string Address);
