namespace ClusterNet.Cli.Commands.Dns;

/// <summary>getaddrinfo's outcome: error is an EAI_* name, null when ok.</summary>
public sealed record DnsResultDto(bool Ok, string? Error, IReadOnlyList<string> Addresses);
