using System.Collections.Immutable;

namespace ClusterNet.Core.ClientIp.Gateway;

/// <summary>
/// What a gateway makes of one <see cref="GatewayRequestScenario"/> and what its backend receives. Outcome:
/// PreservedInHeader when the client's real address reaches the backend in a header the gateway vouches for, Lost when
/// the gateway only knows a node address, Broken when PROXY protocol is expected on one side only, Unknown for an
/// unknown implementation. Forgeable: a client-sent X-Forwarded-For changes the address the gateway acts on.
/// </summary>
public sealed record GatewayClientAddressPrediction
{
    public required ClientIpOutcome Outcome { get; init; }
    /// <summary>The socket peer the gateway pod sees (the node after SNAT, else the client).</summary>
    public required string PeerAtGateway { get; init; }
    /// <summary>The address the gateway logs and acts on; null when unknown or when the connection fails.</summary>
    public string? GatewayClientIp { get; init; }
    public bool Forgeable { get; init; }
    public required string BackendSocket { get; init; }
    public string? BackendXForwardedFor { get; init; }
    public string? BackendXRealIp { get; init; }
    public ImmutableArray<string> Steps { get; init; } = [];
}
