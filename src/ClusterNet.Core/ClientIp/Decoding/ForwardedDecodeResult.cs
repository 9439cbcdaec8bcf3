using System.Collections.Immutable;

namespace ClusterNet.Core.ClientIp.Decoding;

/// <summary>Both readings side by side, plus how each address token was read and what looks wrong.</summary>
public sealed record ForwardedDecodeResult(
    NginxRealIpResult Nginx,
    AspNetForwardedResult AspNet,
    ImmutableArray<TokenReading> Tokens,
    ImmutableArray<ForwardedElement> Forwarded,
    ImmutableArray<string> Notes)
{
    public bool Agree => Nginx.ClientIp == AspNet.ClientIp;
}
