using System.Collections.Immutable;

namespace ClusterNet.Core.Model;

/// <summary>
/// Envoy Gateway EnvoyProxy, spec.provider.kubernetes.envoyService: how the Envoy Service is created. Null fields were
/// not written; Envoy Gateway's API then defaults type to LoadBalancer and externalTrafficPolicy to Local.
/// </summary>
public sealed record EnvoyProxyInfo : IClusterObject
{
    public required string Namespace { get; init; }
    public required string Name { get; init; }
    public string? ServiceName { get; init; }
    public string? ServiceType { get; init; }
    public string? ExternalTrafficPolicy { get; init; }
    public string? LoadBalancerClass { get; init; }
    public ImmutableDictionary<string, string> ServiceAnnotations { get; init; } = LabelMap.Empty;

    public ObjectKey Key => new(Namespace, Name);
}
