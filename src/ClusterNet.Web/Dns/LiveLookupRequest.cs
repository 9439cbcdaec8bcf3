using ClusterNet.Core.Dns;

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
}
