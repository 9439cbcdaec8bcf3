using System.Collections.Immutable;

namespace ClusterNet.Core.Model;

/// <summary>
/// An HTTPRoute, GRPCRoute, TLSRoute, TCPRoute or UDPRoute (<see cref="Kind"/>): what the analyses need is common to
/// all of them (parents, hostnames, rules with backends), so one record serves the five kinds.
/// </summary>
public sealed record GatewayRouteInfo : IClusterObject
{
    public required GatewayRouteKind Kind { get; init; }
    public required string Namespace { get; init; }
    public required string Name { get; init; }
    public string Uid { get; init; } = "";
    public ImmutableDictionary<string, string> Labels { get; init; } = LabelMap.Empty;
    public ImmutableDictionary<string, string> Annotations { get; init; } = LabelMap.Empty;
    public ImmutableArray<RouteParentRefInfo> ParentRefs { get; init; } = [];
    /// <summary>spec.hostnames (HTTPRoute, GRPCRoute, TLSRoute).</summary>
    public ImmutableArray<string> Hostnames { get; init; } = [];
    public ImmutableArray<RouteRuleInfo> Rules { get; init; } = [];

    public ObjectKey Key => new(Namespace, Name);
}
