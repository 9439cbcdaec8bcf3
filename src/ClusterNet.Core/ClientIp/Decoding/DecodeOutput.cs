using System.Collections.Immutable;

namespace ClusterNet.Core.ClientIp.Decoding;

/// <summary>
/// The decoder's JSON shape, shared by `clusternet client-ip decode --format json` and POST /api/client-ip/decode
/// (contract: issue 6): {"nginx":{"clientIp","steps"},"aspnet":{"clientIp","remainingXff","steps"}} plus additive
/// fields (changed, originalFor, tokens, forwarded, notes).
/// </summary>
public sealed record DecodeOutput(NginxDecodeOutput Nginx, AspNetDecodeOutput Aspnet, ImmutableArray<TokenReading> Tokens, ImmutableArray<ForwardedElement> Forwarded, ImmutableArray<string> Notes)
{
    public static DecodeOutput From(ForwardedDecodeResult r) => new(
        new NginxDecodeOutput(r.Nginx.ClientIp, r.Nginx.Changed, r.Nginx.Steps),
        new AspNetDecodeOutput(r.AspNet.ClientIp, r.AspNet.Changed, r.AspNet.RemainingXff, r.AspNet.OriginalFor, r.AspNet.Steps),
        r.Tokens,
        r.Forwarded,
        r.Notes);
}

public sealed record NginxDecodeOutput(string ClientIp, bool Changed, ImmutableArray<DecodeStep> Steps);

public sealed record AspNetDecodeOutput(string ClientIp, bool Changed, ImmutableArray<string> RemainingXff, string? OriginalFor, ImmutableArray<DecodeStep> Steps);
