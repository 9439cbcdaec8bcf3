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
    /// <summary>The pod's /etc/hosts, read before DNS; null means kubelet's localhost lines (<see cref="HostsFile.KubeletDefault"/>).</summary>
    public HostsFile? Hosts { get; init; }
    /// <summary>getaddrinfo's AI_ADDRCONFIG flag: only ask for address families the pod has configured.</summary>
    public bool AddrConfig { get; init; }
    /// <summary>
    /// Whether IPv6 is enabled in the pod's network namespace (::1 on lo, a link-local address on eth0, a global one
    /// in dual-stack clusters). Only matters with <see cref="AddrConfig"/>.
    /// </summary>
    public bool PodIpv6 { get; init; } = true;
}
