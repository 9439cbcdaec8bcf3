using System.Collections.Immutable;

namespace ClusterNet.Core.Model;

/// <summary>
/// Envoy Gateway (gateway.envoyproxy.io) ClientTrafficPolicy, the parts that decide the client address: targets
/// (Gateways or listeners), client IP detection and PROXY protocol.
/// </summary>
public sealed record ClientTrafficPolicyInfo : IClusterObject
{
    public required string Namespace { get; init; }
    public required string Name { get; init; }
    /// <summary>spec.targetRefs, or the deprecated spec.targetRef as a one-element list.</summary>
    public ImmutableArray<PolicyTargetRefInfo> TargetRefs { get; init; } = [];
    /// <summary>spec.targetSelectors[].matchLabels: targets chosen by label instead of by name.</summary>
    public ImmutableArray<ImmutableDictionary<string, string>> TargetSelectors { get; init; } = [];
    public EnvoyClientIpDetectionInfo? ClientIpDetection { get; init; }
    /// <summary>null: PROXY protocol not enabled (spec.proxyProtocol absent and enableProxyProtocol not true).</summary>
    public EnvoyProxyProtocolInfo? ProxyProtocol { get; init; }

    public ObjectKey Key => new(Namespace, Name);
}
