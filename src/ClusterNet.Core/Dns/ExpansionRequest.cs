namespace ClusterNet.Core.Dns;

/// <summary>A name looked up with getaddrinfo under one resolv.conf and one C library, against a table of answers.</summary>
public sealed record ExpansionRequest
{
    public required ResolvConf ResolvConf { get; init; }
    public required LibcProfile Libc { get; init; }
    public required string Name { get; init; }
    public LookupFamily Family { get; init; } = LookupFamily.Unspec;
    /// <summary>Null means every server answers NXDOMAIN to everything.</summary>
    public DnsAnswers? Answers { get; init; }
}
