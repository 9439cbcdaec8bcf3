using System.Collections.Immutable;

namespace ClusterNet.Core.ClientIp;

/// <summary>
/// What ingress-nginx makes of incoming traffic: its $remote_addr after the realip module (client, node,
/// load-balancer, or broken), whether a client can forge it, and the headers it sends to the apps behind it.
/// </summary>
internal sealed record IngressNginxView
{
    public required RemoteAddrIs RemoteAddrIs { get; init; }
    public required string RemoteAddrText { get; init; }
    public bool Spoofable { get; init; }
    /// <summary>A decoder run showing the forgery: request, trusted list and the resulting $remote_addr.</summary>
    public string? SpoofDemonstration { get; init; }
    public string? BrokenReason { get; init; }
    /// <summary>The load balancer's X-Forwarded-For reached the controller but is not used (use-forwarded-headers off).</summary>
    public bool LoadBalancerHeaderIgnored { get; init; }
    public ImmutableArray<ClientIpHeaderView> UpstreamHeaders { get; init; } = [];
    public ImmutableArray<string> Reasoning { get; init; } = [];
}
