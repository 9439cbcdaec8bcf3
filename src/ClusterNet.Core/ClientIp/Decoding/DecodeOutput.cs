using System.Collections.Immutable;

namespace ClusterNet.Core.ClientIp.Decoding;

/// <summary>
/// The decoder's JSON shape, shared by `clusternet client-ip decode --format json` and POST /api/client-ip/decode
/// (contract: issue 6): {"nginx":{"clientIp","steps"},"aspnet":{"clientIp","remainingXff","steps"}} plus additive
/// fields (changed, originalFor, tokens, forwarded, notes; issue 11: envoy, haproxy).
/// </summary>
public sealed record DecodeOutput(
    NginxDecodeOutput Nginx,
    AspNetDecodeOutput Aspnet,
    ImmutableArray<TokenReading> Tokens,
    ImmutableArray<ForwardedElement> Forwarded,
    ImmutableArray<string> Notes,
    EnvoyDecodeOutput? Envoy = null,
    HaproxyDecodeOutput? Haproxy = null)
{
    public static DecodeOutput From(ForwardedDecodeResult r) => new(
        new NginxDecodeOutput(r.Nginx.ClientIp, r.Nginx.Changed, r.Nginx.Steps),
        new AspNetDecodeOutput(r.AspNet.ClientIp, r.AspNet.Changed, r.AspNet.RemainingXff, r.AspNet.OriginalFor, r.AspNet.Steps),
        r.Tokens,
        r.Forwarded,
        r.Notes,
        r.Envoy is { } e ? new EnvoyDecodeOutput(e.ClientIp, e.FromXff, e.ForwardedXff, e.ExternalAddress, e.Internal, e.Steps) : null,
        r.Haproxy is { } h ? new HaproxyDecodeOutput(h.ClientIp, h.Changed, h.ForwardedXffLines, h.Steps) : null);
}

/// <summary>Envoy's trusted client address, the X-Forwarded-For it sends upstream (null: none), x-envoy-external-address and x-envoy-internal.</summary>
public sealed record EnvoyDecodeOutput(string ClientIp, bool FromXff, string? ForwardedXff, string? ExternalAddress, bool Internal, ImmutableArray<DecodeStep> Steps);

/// <summary>HAProxy's src after set-src and the X-Forwarded-For lines the server receives.</summary>
public sealed record HaproxyDecodeOutput(string ClientIp, bool Changed, ImmutableArray<string> ForwardedXffLines, ImmutableArray<DecodeStep> Steps);

public sealed record NginxDecodeOutput(string ClientIp, bool Changed, ImmutableArray<DecodeStep> Steps);

public sealed record AspNetDecodeOutput(string ClientIp, bool Changed, ImmutableArray<string> RemainingXff, string? OriginalFor, ImmutableArray<DecodeStep> Steps);
