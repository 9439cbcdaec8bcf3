using System.Collections.Immutable;

namespace ClusterNet.Core.ClientIp.Decoding;

/// <summary>
/// What Envoy makes of a request: the trusted client address (what it logs as downstream remote address and puts in
/// x-envoy-external-address), whether it came from XFF, the XFF it forwards upstream (null: none) and whether it
/// counts the request as internal (x-envoy-internal).
/// </summary>
public sealed record EnvoyClientAddressResult(
    string ClientIp,
    bool FromXff,
    string? ForwardedXff,
    string? ExternalAddress,
    bool Internal,
    ImmutableArray<DecodeStep> Steps)
{
    public DecodeStep? DecidingStep => Steps.LastOrDefault(s => s.Decisive);
}
