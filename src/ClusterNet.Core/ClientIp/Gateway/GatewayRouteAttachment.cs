using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.ClientIp.Gateway;

/// <summary>A route whose parentRefs name a Gateway listener, whether the listener accepts it and, if so, its backends.</summary>
public sealed record GatewayRouteAttachment
{
    public required GatewayRouteInfo Route { get; init; }
    public required bool Accepted { get; init; }
    /// <summary>Why the listener does not accept the route, or a caveat on its acceptance (an unevaluated selector).</summary>
    public string? Reason { get; init; }
    public ImmutableArray<GatewayBackend> Backends { get; init; } = [];
}
