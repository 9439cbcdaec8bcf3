namespace ClusterNet.Web.Security;

/// <summary>
/// Bound from "ForwardedHeaders": which proxies in front of the dashboard may tell it the client address
/// (X-Forwarded-For / X-Forwarded-Proto). Off by default: the socket address is the client.
/// </summary>
public sealed class ProxyTrustOptions
{
    public const string Section = "ForwardedHeaders";

    public bool Enabled { get; set; }

    /// <summary>Addresses of trusted proxies, e.g. the ingress controller pods' IPs.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>CIDRs of trusted proxies, e.g. the pod network 10.244.0.0/16.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxy hops to unwrap; null means no limit.</summary>
    public int? ForwardLimit { get; set; } = 1;
}
