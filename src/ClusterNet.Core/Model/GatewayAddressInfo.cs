namespace ClusterNet.Core.Model;

/// <summary>A Gateway address (spec.addresses or status.addresses). Type is IPAddress, Hostname or a domain-prefixed type; null when not written (the API's default is IPAddress).</summary>
public sealed record GatewayAddressInfo(string? Type, string Value);
