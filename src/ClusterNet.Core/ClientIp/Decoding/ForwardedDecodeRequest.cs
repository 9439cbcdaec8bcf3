using System.Collections.Immutable;
using System.Net;

namespace ClusterNet.Core.ClientIp.Decoding;

/// <summary>
/// What the decoder needs: the socket's remote address, the raw header lines in arrival order, the trusted proxies
/// (nginx set_real_ip_from = ASP.NET KnownProxies/KnownIPNetworks), the header both read, nginx's real_ip_recursive
/// and ASP.NET's ForwardLimit (null = no limit); the Envoy reading's HTTP connection manager settings.
/// </summary>
public sealed record ForwardedDecodeRequest
{
    public const string XForwardedFor = "X-Forwarded-For";
    public const string XRealIp = "X-Real-IP";

    public required IPAddress RemoteAddress { get; init; }
    public ImmutableArray<HeaderLine> Headers { get; init; } = [];
    public ImmutableArray<TrustedProxy> Trusted { get; init; } = [];
    public string HeaderName { get; init; } = XForwardedFor;
    public bool Recursive { get; init; }
    public int? ForwardLimit { get; init; } = 1;
    public EnvoyXffSettings Envoy { get; init; } = new();
}
