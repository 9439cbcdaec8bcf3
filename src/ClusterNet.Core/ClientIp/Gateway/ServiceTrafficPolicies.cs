using ClusterNet.Core.Model;

namespace ClusterNet.Core.ClientIp.Gateway;

public static class ServiceTrafficPolicies
{
    /// <summary>
    /// Externally reachable (NodePort, LoadBalancer, or externalIPs) Services default to Cluster; "Local" is the only
    /// other value the API accepts.
    /// </summary>
    public static ServiceTrafficPolicy Of(ServiceInfo service)
    {
        var external = service.Type is "NodePort" or "LoadBalancer" || !service.ExternalIps.IsDefaultOrEmpty;
        if (!external)
        {
            return ServiceTrafficPolicy.NotExternal;
        }

        return string.Equals(service.ExternalTrafficPolicy, "Local", StringComparison.OrdinalIgnoreCase) ? ServiceTrafficPolicy.Local : ServiceTrafficPolicy.Cluster;
    }
}
