using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace ClusterNet.Core.ClientIp;

/// <summary>
/// What the application sees: its socket's remote address (who that is and an example), the forwarding headers
/// it receives, and where it should take the client address from.
/// </summary>
public sealed record ClientIpAppView
{
    /// <summary>Who the socket's remote address is; JSON "client", "node", "load-balancer", "ingress-controller", "pod" or "external".</summary>
    [JsonConverter(typeof(KebabCaseEnumConverter<ClientIpPeer>))]
    public required ClientIpPeer SocketIs { get; init; }
    public required string SocketRemoteAddress { get; init; }
    public ImmutableArray<ClientIpHeaderView> Headers { get; init; } = [];
    public required string ClientIpFrom { get; init; }
}
