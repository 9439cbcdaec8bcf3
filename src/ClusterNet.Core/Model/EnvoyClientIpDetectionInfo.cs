using System.Collections.Immutable;

namespace ClusterNet.Core.Model;

/// <summary>
/// Envoy Gateway ClientTrafficPolicy spec.clientIPDetection: either xForwardedFor (numTrustedHops or trustedCIDRs,
/// plus disableXForwardedForAppend) or customHeader. Everything as written; absent fields are null/empty.
/// </summary>
public sealed record EnvoyClientIpDetectionInfo
{
    public bool XForwardedFor { get; init; }
    public int? NumTrustedHops { get; init; }
    public ImmutableArray<string> TrustedCidrs { get; init; } = [];
    public bool? DisableXForwardedForAppend { get; init; }
    public string? CustomHeaderName { get; init; }
    public bool? CustomHeaderFailClosed { get; init; }
}
