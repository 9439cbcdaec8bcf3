namespace ClusterNet.Core.Dns;

/// <summary>A resolv.conf option as text ("ndots:5", "rotate"), for settings read from configuration.</summary>
public sealed record DnsOptionText(string Text);
