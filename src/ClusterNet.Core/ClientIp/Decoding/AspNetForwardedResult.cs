using System.Collections.Immutable;

namespace ClusterNet.Core.ClientIp.Decoding;

/// <summary>
/// What ForwardedHeadersMiddleware makes of a request: Connection.RemoteIpAddress afterwards, the forwarded-for
/// values left in the header (as GetCommaSeparatedValues reads them; when nothing was applied the header is left
/// as it came), X-Original-For when set, and the steps.
/// </summary>
public sealed record AspNetForwardedResult(
    string ClientIp,
    int? ClientPort,
    bool Changed,
    ImmutableArray<string> RemainingXff,
    string? OriginalFor,
    ImmutableArray<DecodeStep> Steps)
{
    public DecodeStep? DecidingStep => Steps.LastOrDefault(s => s.Decisive);
}
