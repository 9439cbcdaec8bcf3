namespace ClusterNet.Core.Model;

/// <summary>
/// NGINX Gateway Fabric (gateway.nginx.org) NginxProxy: client address rewriting and, from v1alpha2, the data plane
/// Service (spec.kubernetes.service type and externalTrafficPolicy; NGF's API defaults them to LoadBalancer and
/// Local). v1alpha1 objects are cluster-scoped (Namespace empty).
/// </summary>
public sealed record NginxProxyInfo : IClusterObject
{
    public required string Namespace { get; init; }
    public required string Name { get; init; }
    public NginxRewriteClientIpInfo? RewriteClientIp { get; init; }
    public string? ServiceType { get; init; }
    public string? ExternalTrafficPolicy { get; init; }

    public ObjectKey Key => new(Namespace, Name);
}
