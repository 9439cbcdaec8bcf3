namespace ClusterNet.Web.Dns;

/// <summary>One predicted query: what the model expected to send, and (when sent) the live reply and its latency.</summary>
public sealed record DnsLookupQueryDto(string Qname, string Qtype, bool Sent, string? Reply, IReadOnlyList<string> Addresses, double? LatencyMs, string? Error);
