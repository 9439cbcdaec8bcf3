using System.Collections.Immutable;

namespace ClusterNet.Core.ClientIp.Decoding;

/// <summary>
/// The HAProxy configuration that decides the client address and the X-Forwarded-For it sends:
/// <c>http-request set-src hdr_ip(X-Forwarded-For,Occurrence) [if { src SetSrcFrom }]</c> and
/// <c>option forwardfor [except ForwardForExcept] [if-none]</c>.
/// SetSrcFrom null: no set-src rule; empty: the rule without condition (every sender believed).
/// </summary>
public sealed record HaproxySettings
{
    public ImmutableArray<TrustedProxy>? SetSrcFrom { get; init; }
    /// <summary>hdr_ip occurrence: -1 the last value (HAProxy counts comma-separated values across all lines), 1 the first.</summary>
    public int Occurrence { get; init; } = -1;
    public bool ForwardFor { get; init; } = true;
    public bool ForwardForIfNone { get; init; }
    public TrustedProxy? ForwardForExcept { get; init; }

    /// <summary>
    /// The configuration the decoder assumes for a trusted list: <c>http-request set-src hdr_ip(X-Forwarded-For,-1) if { src T }</c>
    /// and <c>option forwardfor</c>; no trusted proxies: no set-src rule (HAProxy then keeps the socket peer, as nginx does).
    /// </summary>
    public static HaproxySettings ForTrusted(ImmutableArray<TrustedProxy> trusted) => new()
    {
        SetSrcFrom = trusted.IsDefaultOrEmpty ? null : trusted,
        Occurrence = -1,
        ForwardFor = true,
    };
}
