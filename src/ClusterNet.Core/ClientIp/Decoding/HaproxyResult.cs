using System.Collections.Immutable;

namespace ClusterNet.Core.ClientIp.Decoding;

/// <summary>What HAProxy makes of a request: the source address (src, %ci in logs) and the X-Forwarded-For lines the server receives.</summary>
public sealed record HaproxyResult(string ClientIp, bool Changed, ImmutableArray<string> ForwardedXffLines, ImmutableArray<DecodeStep> Steps)
{
    public DecodeStep? DecidingStep => Steps.LastOrDefault(s => s.Decisive);
}
