using System.Collections.Immutable;

namespace ClusterNet.Core.Model;

/// <summary>NGINX Gateway Fabric NginxProxy spec.rewriteClientIP: mode ProxyProtocol or XForwardedFor (nginx real_ip_header), setIPRecursively (real_ip_recursive), trustedAddresses (set_real_ip_from).</summary>
public sealed record NginxRewriteClientIpInfo
{
    public string? Mode { get; init; }
    public bool? SetIpRecursively { get; init; }
    public ImmutableArray<NginxTrustedAddressInfo> TrustedAddresses { get; init; } = [];
}
