using ClusterNet.Core.Dns;
using ClusterNet.Core.Dns.Queries;

namespace ClusterNet.Web.Dns;

/// <summary>A name to look up through the predicted expansion, sent for real to one server (address and port).</summary>
public sealed record LiveLookupRequest
{
    public required ResolvConf ResolvConf { get; init; }
    public required LibcProfile Libc { get; init; }
    public required string Name { get; init; }
    public LookupFamily Family { get; init; } = LookupFamily.Unspec;
    public required string Server { get; init; }
    public int Port { get; init; } = 53;
    /// <summary>Per-query wait; the resolv.conf timeout is capped by this so a dashboard click stays short.</summary>
    public TimeSpan MaxTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The live form of a parsed lookup: its name and family, through <paramref name="conf"/> with <paramref name="libc"/>,
    /// asked of the query's server (default: the resolv.conf's first nameserver, else 127.0.0.1) and port.
    /// </summary>
    public static LiveLookupRequest From(DnsLookupQuery query, ResolvConf conf, LibcProfile libc) => new()
    {
        ResolvConf = conf,
        Libc = libc,
        Name = query.Name ?? "",
        Family = query.Family,
        Server = query.Server ?? conf.Nameservers.FirstOrDefault() ?? "127.0.0.1",
        Port = query.Port,
    };
}
