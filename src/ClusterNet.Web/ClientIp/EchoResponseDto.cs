using System.Collections.Immutable;
using ClusterNet.Core.ClientIp.Decoding;

namespace ClusterNet.Web.ClientIp;

/// <summary>
/// GET /api/echo: what the dashboard received (socket address and port, forwarding headers as they arrived) and the
/// client address its own ForwardedHeadersOptions derive, with the decoder's steps. <see cref="RawCaptured"/> is
/// false when the capture middleware did not run before UseForwardedHeaders: then "received" values are
/// reconstructed (socket address from X-Original-For) and consumed X-Forwarded-For entries are missing.
/// </summary>
public sealed record EchoResponseDto(
    string? RemoteAddress,
    int RemotePort,
    ImmutableDictionary<string, ImmutableArray<string>> Headers,
    bool RawCaptured,
    EchoForwardedOptionsDto ForwardedHeaders,
    string? ClientIp,
    ImmutableArray<string> RemainingXff,
    string? PipelineClientIp,
    ImmutableArray<DecodeStep> Steps,
    ImmutableArray<string> Notes);

/// <summary>The dashboard's ForwardedHeadersOptions as it runs.</summary>
public sealed record EchoForwardedOptionsDto(
    string Enabled,
    string ForwardedForHeaderName,
    int? ForwardLimit,
    ImmutableArray<string> KnownProxies,
    ImmutableArray<string> KnownNetworks);
