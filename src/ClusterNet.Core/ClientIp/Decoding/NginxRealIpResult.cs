using System.Collections.Immutable;

namespace ClusterNet.Core.ClientIp.Decoding;

/// <summary>What nginx's realip module makes of a request: $remote_addr afterwards, and how it got there.</summary>
public sealed record NginxRealIpResult(string ClientIp, bool Changed, ImmutableArray<DecodeStep> Steps)
{
    public DecodeStep? DecidingStep => Steps.LastOrDefault(s => s.Decisive);
}
