using System.Collections.Immutable;

namespace ClusterNet.Core.Model;

/// <summary>gateway.networking.k8s.io GatewayClass: spec.controllerName names the implementation.</summary>
public sealed record GatewayClassInfo : IClusterObject
{
    public required string Name { get; init; }
    public string ControllerName { get; init; } = "";
    public GatewayParametersRefInfo? ParametersRef { get; init; }
    public string? Description { get; init; }
    public ImmutableDictionary<string, string> Labels { get; init; } = LabelMap.Empty;
    public ImmutableDictionary<string, string> Annotations { get; init; } = LabelMap.Empty;

    public ObjectKey Key => ObjectKey.Cluster(Name);
}
