using System.Collections.Immutable;
using ClusterNet.Core.Model;
using k8s.Models;

namespace ClusterNet.Kubernetes.Conversion;

public static partial class KubeModelMapper
{
    /// <summary>Label the EndpointSlice controller puts on every slice it manages.</summary>
    public const string ServiceNameLabel = "kubernetes.io/service-name";

    public static ServiceInfo ToModel(V1Service service, ICollection<SourceDiagnostic>? diagnostics = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        var meta = service.Metadata;
        var spec = service.Spec;
        return new ServiceInfo
        {
            Namespace = meta?.NamespaceProperty ?? "",
            Name = meta?.Name ?? "",
            Uid = meta?.Uid ?? "",
            Labels = Map(meta?.Labels),
            Annotations = MapAnnotations(meta?.Annotations),
            Type = string.IsNullOrEmpty(spec?.Type) ? "ClusterIP" : spec.Type,
            ClusterIps = spec?.ClusterIPs is { Count: > 0 } ips ? Strings(ips)
                : string.IsNullOrEmpty(spec?.ClusterIP) ? [] : [spec.ClusterIP],
            Ports = ServicePorts(spec?.Ports, diagnostics, meta),
            // An empty selector behaves like none: the Endpoints controller ignores it.
            Selector = spec?.Selector is { Count: > 0 } selector ? Map(selector) : null,
            ExternalTrafficPolicy = NullIfEmpty(spec?.ExternalTrafficPolicy),
            InternalTrafficPolicy = NullIfEmpty(spec?.InternalTrafficPolicy),
            HealthCheckNodePort = spec?.HealthCheckNodePort is > 0 ? spec.HealthCheckNodePort : null,
            LoadBalancerIngress = LoadBalancer(service.Status?.LoadBalancer?.Ingress),
            LoadBalancerClass = NullIfEmpty(spec?.LoadBalancerClass),
            LoadBalancerSourceRanges = Strings(spec?.LoadBalancerSourceRanges),
            ExternalIps = Strings(spec?.ExternalIPs),
            ExternalName = NullIfEmpty(spec?.ExternalName),
            SessionAffinity = NullIfEmpty(spec?.SessionAffinity),
        };
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static ImmutableArray<ServicePortInfo> ServicePorts(IList<V1ServicePort>? ports, ICollection<SourceDiagnostic>? diagnostics, V1ObjectMeta? meta)
    {
        if (ports is null || ports.Count == 0)
        {
            return [];
        }

        var builder = ImmutableArray.CreateBuilder<ServicePortInfo>(ports.Count);
        for (var i = 0; i < ports.Count; i++)
        {
            var p = ports[i];
            if (p.Port is < 1 or > 65535)
            {
                Report(diagnostics, Warning, "Service", meta, $"spec.ports[{i}].port", $"port {p.Port} is outside 1-65535");
            }

            var target = PortValue(p.TargetPort, diagnostics, "Service", meta, $"spec.ports[{i}].targetPort");
            builder.Add(new ServicePortInfo(NullIfEmpty(p.Name), p.Port, Protocol(p.Protocol), target, p.NodePort is > 0 ? p.NodePort : null, NullIfEmpty(p.AppProtocol)));
        }

        return builder.MoveToImmutable();
    }

    /// <summary>
    /// discovery.k8s.io/v1 EndpointSlice. KubernetesClient 21 has no V1beta1EndpointSlice type; a v1beta1 slice
    /// (all Kubernetes 1.20 serves) deserializes into this type with the same JSON for every field used here
    /// except <c>topology</c>, which v1 renamed <c>deprecatedTopology</c>: callers reading v1beta1 JSON should
    /// rename it (ManifestLoader does) so the node falls back to topology["kubernetes.io/hostname"].
    /// </summary>
    public static EndpointSetInfo ToModel(V1EndpointSlice slice, ICollection<SourceDiagnostic>? diagnostics = null)
    {
        ArgumentNullException.ThrowIfNull(slice);
        var meta = slice.Metadata;
        string? serviceName = null;
        if (meta?.Labels is { } labels && labels.TryGetValue(ServiceNameLabel, out var label) && !string.IsNullOrEmpty(label))
        {
            serviceName = label;
        }
        else
        {
            Report(diagnostics, Warning, "EndpointSlice", meta, $"metadata.labels[{ServiceNameLabel}]", "EndpointSlice has no kubernetes.io/service-name label; it belongs to no Service");
        }

        var endpoints = slice.Endpoints;
        var addresses = ImmutableArray.CreateBuilder<EndpointAddressInfo>(endpoints?.Count ?? 0);
        if (endpoints is not null)
        {
            foreach (var e in endpoints)
            {
                var node = e.NodeName;
                if (string.IsNullOrEmpty(node) && e.DeprecatedTopology is { } topology && topology.TryGetValue("kubernetes.io/hostname", out var host))
                {
                    node = host;
                }

                // Ready nil means ready (API contract: "should be interpreted as ready").
                var ready = e.Conditions?.Ready ?? true;
                var target = e.TargetRef;
                if (e.Addresses is null)
                {
                    continue;
                }

                foreach (var ip in e.Addresses)
                {
                    addresses.Add(new EndpointAddressInfo(ip, NullIfEmpty(node), ready, target?.Kind, target?.NamespaceProperty, target?.Name));
                }
            }
        }

        var ports = slice.Ports;
        var portBuilder = ImmutableArray.CreateBuilder<EndpointPortInfo>(ports?.Count ?? 0);
        if (ports is not null)
        {
            for (var i = 0; i < ports.Count; i++)
            {
                var p = ports[i];
                if (p.Port is null)
                {
                    // A nil port means "all ports" and only appears for selector-less custom slices.
                    Report(diagnostics, Warning, "EndpointSlice", meta, $"ports[{i}].port", "port is not set (means every port); skipped");
                    continue;
                }

                portBuilder.Add(new EndpointPortInfo(NullIfEmpty(p.Name), p.Port.Value, Protocol(p.Protocol)));
            }
        }

        return new EndpointSetInfo
        {
            Namespace = meta?.NamespaceProperty ?? "",
            Name = meta?.Name ?? "",
            ServiceName = serviceName ?? "",
            SourceKind = "EndpointSlice",
            AddressType = string.IsNullOrEmpty(slice.AddressType) ? "IPv4" : slice.AddressType,
            Addresses = addresses.DrainToImmutable(),
            Ports = portBuilder.DrainToImmutable(),
        };
    }

    /// <summary>core/v1 Endpoints: used where EndpointSlices are not served. Subsets are flattened; addresses carry Ready.</summary>
    public static EndpointSetInfo ToModel(V1Endpoints endpoints, ICollection<SourceDiagnostic>? diagnostics = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        _ = diagnostics;
        var meta = endpoints.Metadata;
        var addresses = ImmutableArray.CreateBuilder<EndpointAddressInfo>();
        var ports = ImmutableArray.CreateBuilder<EndpointPortInfo>();
        if (endpoints.Subsets is { } subsets)
        {
            foreach (var subset in subsets)
            {
                AddAddresses(addresses, subset.Addresses, true);
                AddAddresses(addresses, subset.NotReadyAddresses, false);
                if (subset.Ports is null)
                {
                    continue;
                }

                foreach (var p in subset.Ports)
                {
                    var port = new EndpointPortInfo(NullIfEmpty(p.Name), p.Port, Protocol(p.Protocol));
                    if (!ports.Contains(port))
                    {
                        ports.Add(port);
                    }
                }
            }
        }

        return new EndpointSetInfo
        {
            Namespace = meta?.NamespaceProperty ?? "",
            Name = meta?.Name ?? "",
            ServiceName = meta?.Name ?? "",
            SourceKind = "Endpoints",
            AddressType = "IPv4",
            Addresses = addresses.DrainToImmutable(),
            Ports = ports.DrainToImmutable(),
        };
    }

    private static void AddAddresses(ImmutableArray<EndpointAddressInfo>.Builder builder, IList<V1EndpointAddress>? list, bool ready)
    {
        if (list is null)
        {
            return;
        }

        foreach (var a in list)
        {
            builder.Add(new EndpointAddressInfo(a.Ip ?? "", NullIfEmpty(a.NodeName), ready, a.TargetRef?.Kind, a.TargetRef?.NamespaceProperty, a.TargetRef?.Name));
        }
    }
}
