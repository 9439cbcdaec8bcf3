using System.Collections.Immutable;

namespace ClusterNet.Core.ClientIp;

/// <summary>One way traffic reaches the workload (through the load balancer, a NodePort, in-cluster, an Ingress path), with its own outcome.</summary>
public sealed record ClientIpRoute
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required ClientIpOutcome Outcome { get; init; }
    public required string Verdict { get; init; }
    public ImmutableArray<ClientIpHop> Hops { get; init; } = [];
    public required ClientIpAppView App { get; init; }
    public ImmutableArray<string> Notes { get; init; } = [];
}
