using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.ClientIp.Gateway;

/// <summary>
/// Everything the client-IP analysis needs about one Gateway, resolved from the snapshot: implementation, data
/// plane (Service, pods), per-listener client-IP settings and the backend Services of the routes behind each listener.
/// </summary>
public sealed record GatewayResolution
{
    public required GatewayInfo Gateway { get; init; }
    public GatewayClassInfo? GatewayClass { get; init; }
    public required GatewayImplementation Implementation { get; init; }
    public required GatewayDataPlane DataPlane { get; init; }
    public ImmutableArray<GatewayListenerResolution> Listeners { get; init; } = [];
    public ImmutableArray<string> Notes { get; init; } = [];

    /// <summary>"Envoy Gateway (gateway.envoyproxy.io/gatewayclass-controller)" or why the implementation is unknown.</summary>
    public string DescribeImplementation() => GatewayClass is null
        ? $"unknown implementation: GatewayClass {Gateway.GatewayClassName} is not in the snapshot"
        : Implementation == GatewayImplementation.Unknown
            ? $"unknown implementation (controller {GatewayClass.ControllerName})"
            : $"{GatewayImplementations.DisplayName(Implementation)} ({GatewayClass.ControllerName})";
}
