namespace ClusterNet.Cli.Commands.Dns;

/// <summary>`clusternet dns expand --format json` (contract: issue 5).</summary>
public sealed record DnsExpandOutputDto(IReadOnlyList<DnsQueryDto> Queries, DnsResultDto Result, double WorstCaseSeconds);
