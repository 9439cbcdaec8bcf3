using System.Collections.Immutable;

namespace ClusterNet.Core.ClientIp;

/// <summary>
/// How outside traffic reaches a Service's backends, up to but not including them: the hops, and what source the
/// backend's socket sees ("client", "node" or "load-balancer"), whether a PROXY protocol preamble or an
/// X-Forwarded-For added by the load balancer travels with it.
/// </summary>
public sealed record ExternalEntry
{
    public required ImmutableArray<ClientIpHop> Hops { get; init; }
    public required string BackendSees { get; init; }
    public required string BackendSeesText { get; init; }
    public required string Policy { get; init; }
    public LoadBalancerProfile? LoadBalancer { get; init; }
    public bool ProxyProtocol { get; init; }
    public bool AddsXForwardedFor { get; init; }
    /// <summary>Why the backend sees what it sees, as a clause for verdict sentences.</summary>
    public required string Why { get; init; }
}
