namespace ClusterNet.Core.Model;

/// <summary>
/// PROXY protocol on an Envoy Gateway listener: spec.proxyProtocol (Optional: accept connections without the header),
/// or the deprecated spec.enableProxyProtocol: true (<see cref="FromDeprecatedField"/>).
/// </summary>
public sealed record EnvoyProxyProtocolInfo(bool? Optional, bool FromDeprecatedField);
