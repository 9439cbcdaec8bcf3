namespace ClusterNet.Core.ClientIp;

internal enum LoadBalancerLayer
{
    /// <summary>Forwards packets keeping the client's source address (GCP, Azure, MetalLB, AWS NLB instance targets, Alibaba CLB TCP).</summary>
    L4Passthrough,

    /// <summary>Terminates TCP and opens a new connection from its own address (AWS Classic ELB TCP, NLB IP targets without client IP preservation).</summary>
    L4Proxy,

    /// <summary>Terminates HTTP and adds X-Forwarded-For with the client address (AWS Classic ELB HTTP, Alibaba CLB HTTP/HTTPS listeners).</summary>
    L7,
}
