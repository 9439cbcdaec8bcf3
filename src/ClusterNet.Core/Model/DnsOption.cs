namespace ClusterNet.Core.Model;

/// <summary>One resolver option (ndots:5 is Name "ndots", Value "5").</summary>
public sealed record DnsOption(string Name, string? Value = null);
