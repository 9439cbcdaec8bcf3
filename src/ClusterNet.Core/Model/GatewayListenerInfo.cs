using System.Collections.Immutable;

namespace ClusterNet.Core.Model;

/// <summary>One Gateway listener. Protocol as written: HTTP, HTTPS, TLS, TCP, UDP or an implementation-specific one.</summary>
public sealed record GatewayListenerInfo
{
    public required string Name { get; init; }
    public int Port { get; init; }
    public string Protocol { get; init; } = "";
    public string? Hostname { get; init; }
    /// <summary>tls.mode: Terminate (the API's default when tls is present) or Passthrough; null without tls.</summary>
    public string? TlsMode { get; init; }
    /// <summary>allowedRoutes.namespaces.from: Same (the API's default), All or Selector.</summary>
    public string? AllowedRoutesFrom { get; init; }
    /// <summary>allowedRoutes.kinds[].kind; empty means the kinds the protocol implies.</summary>
    public ImmutableArray<string> AllowedRouteKinds { get; init; } = [];
}
