using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Kubernetes.Demo;

/// <summary>
/// What the EndpointSlice controller would publish for a Service: its selector's pods that have an IP, ordered by
/// name, with target ports resolved against the pods' container ports. The demo uses it after every change so
/// endpoints never disagree with pods; tests use it to check the embedded manifest.
/// </summary>
internal static class DemoEndpoints
{
    public static EndpointSetInfo? Compute(ServiceInfo service, IEnumerable<PodInfo> pods, string sliceName)
    {
        if (service.Selector is not { } selector)
        {
            return null;
        }

        var selected = pods
            .Where(p => p.Namespace == service.Namespace && !p.PodIps.IsDefaultOrEmpty && selector.All(kv => p.Labels.TryGetValue(kv.Key, out var v) && v == kv.Value))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
        var addresses = selected.Select(p => new EndpointAddressInfo(p.PodIps[0], p.NodeName, p.Ready, "Pod", p.Namespace, p.Name)).ToImmutableArray();
        var ports = ImmutableArray.CreateBuilder<EndpointPortInfo>();
        foreach (var port in service.Ports)
        {
            if (ResolveTargetPort(port, selected) is { } number)
            {
                ports.Add(new EndpointPortInfo(port.Name, number, port.Protocol));
            }
        }

        return new EndpointSetInfo
        {
            Namespace = service.Namespace,
            Name = sliceName,
            ServiceName = service.Name,
            SourceKind = "EndpointSlice",
            AddressType = "IPv4",
            Addresses = addresses,
            Ports = ports.ToImmutable(),
        };
    }

    private static int? ResolveTargetPort(ServicePortInfo port, List<PodInfo> pods)
    {
        if (port.TargetPort is null)
        {
            return port.Port;
        }

        if (int.TryParse(port.TargetPort, out var number))
        {
            return number;
        }

        foreach (var pod in pods)
        {
            foreach (var container in pod.Containers)
            {
                foreach (var p in container.Ports)
                {
                    if (p.Name == port.TargetPort && p.Protocol == port.Protocol)
                    {
                        return p.Port;
                    }
                }
            }
        }

        return null;
    }
}
