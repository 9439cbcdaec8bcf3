namespace ClusterNet.Core.Dns;

/// <summary>Whether a C library honours one resolv.conf option, and why not when it doesn't.</summary>
public sealed record OptionVerdict(string Option, bool Honoured, string Reason);
