using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.ClientIp.Gateway;

/// <summary>Resolves Gateways (implementation, data plane, per-listener settings and backends) from one snapshot.</summary>
public static class GatewayResolver
{
    public static ImmutableArray<GatewayResolution> ResolveAll(ClusterSnapshot snapshot) => [.. snapshot.Gateways.Select(g => Resolve(snapshot, g))];

    public static GatewayResolution Resolve(ClusterSnapshot snapshot, GatewayInfo gateway)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(gateway);
        var gatewayClass = snapshot.GatewayClasses.Get(ObjectKey.Cluster(gateway.GatewayClassName));
        var implementation = GatewayImplementations.FromControllerName(gatewayClass?.ControllerName);
        var dataPlane = GatewayDataPlaneResolver.Resolve(snapshot, gateway, implementation);
        var notes = new List<string>();
        if (gatewayClass is null)
        {
            notes.Add($"GatewayClass {gateway.GatewayClassName} is not in the snapshot: the implementation is unknown");
        }

        notes.AddRange(DataPlaneServiceNotes(snapshot, gateway, gatewayClass, implementation, dataPlane));
        var listeners = gateway.Listeners.Select(l => new GatewayListenerResolution(
            l,
            GatewayClientIpSettingsReader.Read(snapshot, gateway, gatewayClass, implementation, l, dataPlane),
            GatewayRouteResolver.Resolve(snapshot, gateway, l))).ToImmutableArray();
        return new GatewayResolution
        {
            Gateway = gateway,
            GatewayClass = gatewayClass,
            Implementation = implementation,
            DataPlane = dataPlane,
            Listeners = listeners,
            Notes = [.. notes],
        };
    }

    /// <summary>
    /// The Service in front of the proxy is what decides whether the proxy sees the client (§7 of the domain brief);
    /// where the implementation's own parameters object asks for a policy, compare it with what the Service has.
    /// </summary>
    private static IEnumerable<string> DataPlaneServiceNotes(ClusterSnapshot snapshot, GatewayInfo gateway, GatewayClassInfo? gatewayClass, GatewayImplementation implementation, GatewayDataPlane dataPlane)
    {
        var front = dataPlane.FrontService;
        string? wanted = null;
        string? where = null;
        switch (implementation)
        {
            case GatewayImplementation.EnvoyGateway:
                var envoyProxy = Lookup(snapshot.EnvoyProxies, gateway.InfrastructureParametersRef, "EnvoyProxy", gateway.Namespace)
                    ?? Lookup(snapshot.EnvoyProxies, gatewayClass?.ParametersRef, "EnvoyProxy", "");
                wanted = envoyProxy?.ExternalTrafficPolicy ?? "Local";
                where = envoyProxy is null ? "Envoy Gateway's default (documentation: envoyService.externalTrafficPolicy defaults to Local)" : $"EnvoyProxy {envoyProxy.Namespace}/{envoyProxy.Name}" + (envoyProxy.ExternalTrafficPolicy is null ? " (not set: Envoy Gateway's documented default Local)" : "");
                break;
            case GatewayImplementation.NginxGatewayFabric:
                var nginxProxy = Lookup(snapshot.NginxProxies, gateway.InfrastructureParametersRef, "NginxProxy", gateway.Namespace)
                    ?? Lookup(snapshot.NginxProxies, gatewayClass?.ParametersRef, "NginxProxy", "");
                wanted = nginxProxy?.ExternalTrafficPolicy ?? "Local";
                where = nginxProxy is null ? "NGINX Gateway Fabric's default (documentation: kubernetes.service.externalTrafficPolicy defaults to Local)" : $"NginxProxy {nginxProxy.Key}" + (nginxProxy.ExternalTrafficPolicy is null ? " (not set: NGF's documented default Local)" : "");
                break;
        }

        if (front is null)
        {
            yield break;
        }

        var policy = ServiceTrafficPolicies.Of(front);
        if (wanted is not null && policy != ServiceTrafficPolicy.NotExternal && !string.Equals(wanted, policy.ToString(), StringComparison.OrdinalIgnoreCase))
        {
            yield return $"Service {front.Namespace}/{front.Name} has externalTrafficPolicy {policy} while {where} asks for {wanted}: the Service is what traffic follows";
        }
    }

    private static T? Lookup<T>(KindCollection<T> collection, GatewayParametersRefInfo? reference, string kind, string defaultNamespace) where T : class, IClusterObject =>
        reference is null || reference.Kind != kind ? null : collection.Get(reference.Namespace ?? defaultNamespace, reference.Name);
}
