using System.Collections.Immutable;

namespace ClusterNet.Core.ClientIp;

/// <summary>
/// What the application sees: its socket's remote address (who that is and an example), the forwarding headers
/// it receives, and where it should take the client address from.
/// </summary>
public sealed record ClientIpAppView
{
    /// <summary>"client", "node", "load-balancer", "ingress-controller", "pod" or "external".</summary>
    public required string SocketIs { get; init; }
    public required string SocketRemoteAddress { get; init; }
    public ImmutableArray<ClientIpHeaderView> Headers { get; init; } = [];
    public required string ClientIpFrom { get; init; }
}
