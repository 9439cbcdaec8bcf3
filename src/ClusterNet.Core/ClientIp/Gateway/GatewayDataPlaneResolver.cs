using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.ClientIp.Gateway;

/// <summary>
/// Finds the Service(s) and pods that serve a Gateway. Label schemes first, the implementation's own first: Envoy
/// Gateway labels its resources gateway.envoyproxy.io/owning-gateway-name/-namespace (in its own namespace by
/// default, so any namespace is searched); Istio, NGINX Gateway Fabric and others use
/// gateway.networking.k8s.io/gateway-name in the Gateway's namespace; Cilium io.cilium.gateway/owning-gateway.
/// Without a label match, status.addresses are compared with each Service's addresses. Pods are those the found
/// Services select, or, for a Service without selector, pods carrying the same labels.
/// </summary>
public static class GatewayDataPlaneResolver
{
    public const string OwningGatewayNameLabel = "gateway.envoyproxy.io/owning-gateway-name";
    public const string OwningGatewayNamespaceLabel = "gateway.envoyproxy.io/owning-gateway-namespace";
    public const string GatewayNameLabel = "gateway.networking.k8s.io/gateway-name";
    public const string CiliumOwningGatewayLabel = "io.cilium.gateway/owning-gateway";

    public static GatewayDataPlane Resolve(ClusterSnapshot snapshot, GatewayInfo gateway, GatewayImplementation implementation)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(gateway);
        var schemes = new List<(DataPlaneMatch Match, Func<IReadOnlyDictionary<string, string>, string, bool> Picks, string Describe)>
        {
            (DataPlaneMatch.OwningGatewayLabels,
                (labels, _) => Has(labels, OwningGatewayNameLabel, gateway.Name) && Has(labels, OwningGatewayNamespaceLabel, gateway.Namespace),
                $"labels {OwningGatewayNameLabel}={gateway.Name}, {OwningGatewayNamespaceLabel}={gateway.Namespace}"),
            (DataPlaneMatch.GatewayNameLabel,
                (labels, ns) => ns == gateway.Namespace && Has(labels, GatewayNameLabel, gateway.Name),
                $"label {GatewayNameLabel}={gateway.Name} in namespace {gateway.Namespace}"),
            (DataPlaneMatch.CiliumOwningGatewayLabel,
                (labels, ns) => ns == gateway.Namespace && Has(labels, CiliumOwningGatewayLabel, gateway.Name),
                $"label {CiliumOwningGatewayLabel}={gateway.Name} in namespace {gateway.Namespace}"),
        };

        // The implementation's own scheme is tried first; the others still apply (a renamed controller, a fork).
        var preferred = implementation switch
        {
            GatewayImplementation.EnvoyGateway => DataPlaneMatch.OwningGatewayLabels,
            GatewayImplementation.Cilium => DataPlaneMatch.CiliumOwningGatewayLabel,
            _ => DataPlaneMatch.GatewayNameLabel,
        };
        schemes.Sort((a, b) => (a.Match == preferred ? 0 : 1).CompareTo(b.Match == preferred ? 0 : 1));

        foreach (var (match, picks, describe) in schemes)
        {
            var services = snapshot.Services.Where(s => picks(s.Labels, s.Namespace)).ToImmutableArray();
            var podsByLabel = snapshot.Pods.Where(p => picks(p.Labels, p.Namespace)).ToImmutableArray();
            if (services.IsEmpty && podsByLabel.IsEmpty)
            {
                continue;
            }

            var pods = services.IsEmpty ? podsByLabel : PodsOf(snapshot, services, podsByLabel);
            var evidence = new List<string> { $"found by {describe}" };
            evidence.AddRange(services.Select(s => $"Service {s.Namespace}/{s.Name} ({s.Type})"));
            if (services.IsEmpty)
            {
                evidence.Add("no Service carries these labels: clients cannot reach these pods from outside through a Service");
            }

            return new GatewayDataPlane { Match = match, Services = services, Pods = pods, Evidence = [.. evidence] };
        }

        var addresses = gateway.StatusAddresses.Select(a => a.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (addresses.Count > 0)
        {
            var byAddress = snapshot.Services.Where(s => AddressesOf(s).Any(addresses.Contains)).ToImmutableArray();
            if (!byAddress.IsEmpty)
            {
                return new GatewayDataPlane
                {
                    Match = DataPlaneMatch.StatusAddress,
                    Services = byAddress,
                    Pods = PodsOf(snapshot, byAddress, []),
                    Evidence = [$"no labelled Service; status.addresses ({string.Join(", ", addresses.Order(StringComparer.Ordinal))}) match " + string.Join(", ", byAddress.Select(s => $"Service {s.Namespace}/{s.Name}"))],
                };
            }
        }

        return new GatewayDataPlane
        {
            Match = DataPlaneMatch.NotFound,
            Evidence = [addresses.Count == 0
                ? "no Service or pod carries the gateway labels, and the Gateway has no status.addresses to match"
                : $"no Service or pod carries the gateway labels, and no Service has the Gateway's status.addresses ({string.Join(", ", addresses.Order(StringComparer.Ordinal))})"],
        };
    }

    private static bool Has(IReadOnlyDictionary<string, string> labels, string key, string value) => labels.TryGetValue(key, out var v) && v == value;

    private static IEnumerable<string> AddressesOf(ServiceInfo s)
    {
        foreach (var lb in s.LoadBalancerIngress)
        {
            if (lb.Ip is { Length: > 0 } ip)
            {
                yield return ip;
            }

            if (lb.Hostname is { Length: > 0 } host)
            {
                yield return host;
            }
        }

        foreach (var ip in s.ExternalIps)
        {
            yield return ip;
        }

        foreach (var ip in s.ClusterIps.Where(ip => ip != "None"))
        {
            yield return ip;
        }
    }

    private static ImmutableArray<PodInfo> PodsOf(ClusterSnapshot snapshot, ImmutableArray<ServiceInfo> services, ImmutableArray<PodInfo> podsByLabel)
    {
        var result = new Dictionary<ObjectKey, PodInfo>();
        foreach (var service in services)
        {
            if (service.Selector is not { Count: > 0 } selector)
            {
                continue;
            }

            foreach (var pod in snapshot.Pods.Where(p => p.Namespace == service.Namespace && selector.All(kv => p.Labels.TryGetValue(kv.Key, out var v) && v == kv.Value)))
            {
                result[pod.Key] = pod;
            }
        }

        if (result.Count == 0)
        {
            foreach (var pod in podsByLabel)
            {
                result[pod.Key] = pod;
            }
        }

        return [.. result.Values.OrderBy(p => p.Namespace, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal)];
    }
}
