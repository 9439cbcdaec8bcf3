using System.Collections.Immutable;

namespace ClusterNet.Core.ClientIp;

/// <summary>
/// How outside traffic reaches a Service's backends, up to but not including them: the hops, and what source the
/// backend's socket sees (<see cref="ClusterNet.Core.ClientIp.BackendSees"/>), whether a PROXY protocol preamble or an
/// X-Forwarded-For added by the load balancer travels with it.
/// </summary>
internal sealed record ExternalEntry
{
    public required ImmutableArray<ClientIpHop> Hops { get; init; }
    public required BackendSees BackendSees { get; init; }
    public required string BackendSeesText { get; init; }
    public required string Policy { get; init; }
    public LoadBalancerProfile? LoadBalancer { get; init; }
    public bool ProxyProtocol { get; init; }
    public bool AddsXForwardedFor { get; init; }
    /// <summary>Why the backend sees what it sees, as a clause for verdict sentences.</summary>
    public required string Why { get; init; }
}

/// <summary>The way in an <see cref="ExternalEntry"/> describes.</summary>
internal enum ExternalEntryMode
{
    /// <summary>Through the load balancer (route "lb").</summary>
    LoadBalancer,

    /// <summary>Straight to a node's NodePort (route "nodeport").</summary>
    NodePort,

    /// <summary>To one of the Service's externalIPs (route "external-ip").</summary>
    ExternalIp,
}
