namespace ClusterNet.Core.ClientIp.Gateway;

/// <summary>
/// What externalTrafficPolicy means for a Service in front of a gateway: NotExternal for ClusterIP (and
/// ExternalName) Services, else Local or Cluster (Kubernetes' default when the field is not set).
/// </summary>
public enum ServiceTrafficPolicy
{
    NotExternal,
    Cluster,
    Local,
}
