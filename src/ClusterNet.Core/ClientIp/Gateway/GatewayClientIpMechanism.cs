namespace ClusterNet.Core.ClientIp.Gateway;

/// <summary>How a gateway decides the client address it logs, acts on and passes on.</summary>
public enum GatewayClientIpMechanism
{
    /// <summary>The socket peer; incoming X-Forwarded-For is not believed.</summary>
    SocketPeer,

    /// <summary>Envoy: X-Forwarded-For with a number of trusted hops counted from the right.</summary>
    XffTrustedHops,

    /// <summary>Envoy: X-Forwarded-For walked from the right past trusted CIDRs (only when the peer is trusted).</summary>
    XffTrustedCidrs,

    /// <summary>Envoy: a custom header names the client (Envoy Gateway clientIPDetection.customHeader).</summary>
    CustomHeader,

    /// <summary>nginx realip on X-Forwarded-For from trusted addresses (NGINX Gateway Fabric rewriteClientIP XForwardedFor).</summary>
    NginxRealIp,

    /// <summary>Traefik forwardedHeaders: X-Forwarded-* kept only from trusted IPs (or from anyone with insecure).</summary>
    TraefikForwardedHeaders,

    /// <summary>The implementation is not known: nothing can be said about its header handling.</summary>
    Unknown,
}
