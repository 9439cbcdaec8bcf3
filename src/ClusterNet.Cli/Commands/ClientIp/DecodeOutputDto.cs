using System.Collections.Immutable;
using ClusterNet.Core.ClientIp.Decoding;

namespace ClusterNet.Cli.Commands.ClientIp;

/// <summary>
/// `clusternet client-ip decode --format json` (contract: issue 6):
/// {"nginx":{"clientIp","steps"},"aspnet":{"clientIp","remainingXff","steps"}} plus additive fields
/// (changed, originalFor, tokens, forwarded, notes).
/// </summary>
public sealed record DecodeOutputDto(NginxDecodeDto Nginx, AspNetDecodeDto Aspnet, ImmutableArray<TokenReading> Tokens, ImmutableArray<ForwardedElement> Forwarded, ImmutableArray<string> Notes)
{
    public static DecodeOutputDto From(ForwardedDecodeResult r) => new(
        new NginxDecodeDto(r.Nginx.ClientIp, r.Nginx.Changed, r.Nginx.Steps),
        new AspNetDecodeDto(r.AspNet.ClientIp, r.AspNet.Changed, r.AspNet.RemainingXff, r.AspNet.OriginalFor, r.AspNet.Steps),
        r.Tokens,
        r.Forwarded,
        r.Notes);
}

public sealed record NginxDecodeDto(string ClientIp, bool Changed, ImmutableArray<DecodeStep> Steps);

public sealed record AspNetDecodeDto(string ClientIp, bool Changed, ImmutableArray<string> RemainingXff, string? OriginalFor, ImmutableArray<DecodeStep> Steps);
