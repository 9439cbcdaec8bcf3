using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.ClientIp.Gateway;

/// <summary>
/// The proxy that serves a Gateway: its Service(s) and pods as found in the snapshot, and how they were found.
/// Cilium's Service has no selector (eBPF hands traffic to the node's Envoy), so its Pods are empty by design.
/// </summary>
public sealed record GatewayDataPlane
{
    public required DataPlaneMatch Match { get; init; }
    public ImmutableArray<ServiceInfo> Services { get; init; } = [];
    public ImmutableArray<PodInfo> Pods { get; init; } = [];
    public ImmutableArray<string> Evidence { get; init; } = [];

    /// <summary>The Service clients reach first: LoadBalancer before NodePort before the rest.</summary>
    public ServiceInfo? FrontService => Services
        .OrderBy(s => s.Type switch { "LoadBalancer" => 0, "NodePort" => 1, _ => 2 })
        .ThenBy(s => s.Namespace, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal)
        .FirstOrDefault();

    public ServiceTrafficPolicy? TrafficPolicy => FrontService is { } s ? ServiceTrafficPolicies.Of(s) : null;
}
