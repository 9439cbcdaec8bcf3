namespace ClusterNet.Core.Model;

/// <summary>NginxProxy spec.rewriteClientIP.trustedAddresses[]: Type CIDR, IPAddress or Hostname.</summary>
public sealed record NginxTrustedAddressInfo(string Type, string Value);
