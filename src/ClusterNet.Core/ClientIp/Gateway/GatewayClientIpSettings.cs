using System.Collections.Immutable;
using ClusterNet.Core.ClientIp.Decoding;

namespace ClusterNet.Core.ClientIp.Gateway;

/// <summary>
/// The client-IP behaviour of one Gateway listener, per implementation: the mechanism, its parameters and the
/// headers the backend receives. <see cref="Inputs"/> says for each value whether it was read or is a documented default.
/// </summary>
public sealed record GatewayClientIpSettings
{
    public required GatewayImplementation Implementation { get; init; }
    public required GatewayClientIpMechanism Mechanism { get; init; }
    /// <summary>Envoy-based implementations: the connection manager settings the decoder runs with.</summary>
    public EnvoyXffSettings? Envoy { get; init; }
    /// <summary>PROXY protocol expected on the listener: the peer address becomes the one in the PROXY header.</summary>
    public bool ProxyProtocol { get; init; }
    /// <summary>Connections without a PROXY header are accepted too (Envoy Gateway proxyProtocol.optional).</summary>
    public bool ProxyProtocolOptional { get; init; }
    public string? CustomHeader { get; init; }
    /// <summary>nginx set_real_ip_from / Traefik trustedIPs, as written.</summary>
    public ImmutableArray<string> TrustedAddresses { get; init; } = [];
    /// <summary>nginx real_ip_recursive.</summary>
    public bool Recursive { get; init; }
    /// <summary>Anyone's X-Forwarded-For is believed (trust of 0.0.0.0/0, Traefik insecure).</summary>
    public bool TrustsEveryone { get; init; }
    /// <summary>The gateway appends the peer to X-Forwarded-For before proxying.</summary>
    public bool AppendsXForwardedFor { get; init; }
    /// <summary>The gateway sets X-Real-IP to its client address (NGINX Gateway Fabric).</summary>
    public bool SetsXRealIp { get; init; }
    public ImmutableArray<GatewaySettingInput> Inputs { get; init; } = [];
    public ImmutableArray<string> Notes { get; init; } = [];
}
