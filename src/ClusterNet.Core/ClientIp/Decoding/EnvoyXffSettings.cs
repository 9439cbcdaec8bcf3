using System.Collections.Immutable;

namespace ClusterNet.Core.ClientIp.Decoding;

/// <summary>
/// The HTTP connection manager settings that decide Envoy's trusted client address: use_remote_address,
/// xff_num_trusted_hops, skip_xff_append, and (XFF original-IP-detection extension, as Envoy Gateway's
/// clientIPDetection.xForwardedFor.trustedCIDRs configures it) xff_trusted_cidrs.
/// </summary>
public sealed record EnvoyXffSettings
{
    public bool UseRemoteAddress { get; init; }
    public int NumTrustedHops { get; init; }
    public bool SkipXffAppend { get; init; }
    /// <summary>Non-empty: the trusted-CIDRs mode of the XFF extension replaces the hop count.</summary>
    public ImmutableArray<TrustedProxy> TrustedCidrs { get; init; } = [];
}
