using System.Collections.Immutable;

namespace ClusterNet.Core.ClientIp.Decoding;

/// <summary>
/// The readings side by side (nginx, ASP.NET; Envoy and HAProxy when the decoder ran them), plus how each address
/// token was read and what looks wrong.
/// </summary>
public sealed record ForwardedDecodeResult(
    NginxRealIpResult Nginx,
    AspNetForwardedResult AspNet,
    ImmutableArray<TokenReading> Tokens,
    ImmutableArray<ForwardedElement> Forwarded,
    ImmutableArray<string> Notes,
    EnvoyClientAddressResult? Envoy = null,
    HaproxyResult? Haproxy = null)
{
    public bool Agree => Nginx.ClientIp == AspNet.ClientIp;
}
