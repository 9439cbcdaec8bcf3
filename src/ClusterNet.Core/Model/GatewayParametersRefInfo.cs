namespace ClusterNet.Core.Model;

/// <summary>
/// GatewayClass spec.parametersRef or Gateway spec.infrastructure.parametersRef: the implementation's own
/// configuration object (Envoy Gateway EnvoyProxy, NGINX Gateway Fabric NginxProxy...). Namespace is null when not
/// written (for a Gateway's reference it is the Gateway's namespace).
/// </summary>
public sealed record GatewayParametersRefInfo(string Group, string Kind, string Name, string? Namespace = null);
