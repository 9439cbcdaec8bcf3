using System.Collections.Immutable;

namespace ClusterNet.Core.ClientIp;

/// <summary>
/// What a LoadBalancer Service's annotations say about the load balancer in front of it. Provider is aws, gcp,
/// azure, alibaba, metallb or unknown; <see cref="Assumed"/> is true when nothing identified it and an L4
/// pass-through load balancer is assumed. <see cref="TargetsPods"/>: traffic goes to pod IPs directly, bypassing
/// nodes and kube-proxy (so externalTrafficPolicy does not apply). <see cref="ProxyProtocolAnnotation"/> is the
/// annotation that turns PROXY protocol on for this provider, when it has one.
/// </summary>
internal sealed record LoadBalancerProfile
{
    public required string Provider { get; init; }
    public required string Product { get; init; }
    public required LoadBalancerLayer Layer { get; init; }
    public bool ProxyProtocol { get; init; }
    public bool TargetsPods { get; init; }
    public bool Assumed { get; init; }
    /// <summary>Where its own connections come from, for L4 proxies and L7 (to put in trusted-proxy lists).</summary>
    public string? OwnAddresses { get; init; }
    public (string Key, string Value)? ProxyProtocolAnnotation { get; init; }
    public ImmutableArray<string> Evidence { get; init; } = [];

    public bool PreservesSource => Layer == LoadBalancerLayer.L4Passthrough;
}
