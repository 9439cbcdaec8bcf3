namespace ClusterNet.Cli.Commands.Dns;

/// <summary>One packet: qname lower-case without the trailing dot, qtype A or AAAA, the nameserver address, udp or tcp.</summary>
public sealed record DnsQueryDto(string Qname, string Qtype, string Server, string Proto);
