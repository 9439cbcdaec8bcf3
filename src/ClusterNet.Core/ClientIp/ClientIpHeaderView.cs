namespace ClusterNet.Core.ClientIp;

/// <summary>A header as the application receives it: name, value (with placeholders like &lt;client&gt;), what it means and whether it can be trusted.</summary>
public sealed record ClientIpHeaderView(string Name, string Value, string Meaning);
