using System.Collections.Immutable;

namespace ClusterNet.Core.Model;

/// <summary>gateway.networking.k8s.io Gateway: its class, listeners, requested and assigned addresses.</summary>
public sealed record GatewayInfo : IClusterObject
{
    public required string Namespace { get; init; }
    public required string Name { get; init; }
    public string Uid { get; init; } = "";
    public ImmutableDictionary<string, string> Labels { get; init; } = LabelMap.Empty;
    public ImmutableDictionary<string, string> Annotations { get; init; } = LabelMap.Empty;
    public string GatewayClassName { get; init; } = "";
    public ImmutableArray<GatewayListenerInfo> Listeners { get; init; } = [];
    /// <summary>spec.addresses: what the owner asked for.</summary>
    public ImmutableArray<GatewayAddressInfo> Addresses { get; init; } = [];
    /// <summary>status.addresses: what the implementation assigned (usually its Service's load-balancer address).</summary>
    public ImmutableArray<GatewayAddressInfo> StatusAddresses { get; init; } = [];
    /// <summary>spec.infrastructure.parametersRef (namespace-local).</summary>
    public GatewayParametersRefInfo? InfrastructureParametersRef { get; init; }
    /// <summary>spec.infrastructure.labels: implementations copy them onto the resources they create.</summary>
    public ImmutableDictionary<string, string> InfrastructureLabels { get; init; } = LabelMap.Empty;
    public ImmutableDictionary<string, string> InfrastructureAnnotations { get; init; } = LabelMap.Empty;

    public ObjectKey Key => new(Namespace, Name);
}
