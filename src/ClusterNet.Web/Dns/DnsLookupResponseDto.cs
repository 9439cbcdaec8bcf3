namespace ClusterNet.Web.Dns;

/// <summary>The live lookup's answer: the verdict, the outcome, and each predicted query beside its live reply.</summary>
public sealed record DnsLookupResponseDto(
    string Server,
    string Verdict,
    bool Ok,
    string? Error,
    IReadOnlyList<string> Addresses,
    double TotalLatencyMs,
    IReadOnlyList<DnsLookupQueryDto> Queries);
