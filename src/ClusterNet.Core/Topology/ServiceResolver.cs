using ClusterNet.Core.Model;

namespace ClusterNet.Core.Topology;

/// <summary>Picks the endpoint kube-proxy would DNAT to (a chosen one, else the first ready in name order) and its target port.</summary>
internal static class ServiceResolver
{
    public sealed record Choice(PodInfo? Pod, int TargetPort, string? Error);

    public static Choice Choose(ClusterSnapshot snapshot, ServiceInfo service, int port, string protocol, string? wanted, List<string> notes)
    {
        if (service.ClusterIp is null or "None")
        {
            return new Choice(null, 0, $"Service {service.Namespace}/{service.Name} is headless (no ClusterIP): clients resolve pod IPs through DNS instead");
        }

        var svcPort = service.Ports.FirstOrDefault(p => p.Port == port && string.Equals(p.Protocol, protocol, StringComparison.OrdinalIgnoreCase));
        if (svcPort is null)
        {
            var have = string.Join(", ", service.Ports.Select(p => $"{p.Port}/{p.Protocol}"));
            return new Choice(null, 0, $"Service {service.Namespace}/{service.Name} has no port {port}/{protocol} (it has {(have.Length == 0 ? "none" : have)}): the ClusterIP rejects the connection");
        }

        var candidates = snapshot.EndpointsOf(service)
            .SelectMany(set => set.Addresses.Select(a => (Set: set, Address: a)))
            .Where(x => x.Address.TargetName is not null && (x.Address.TargetKind is null or "Pod"))
            .Select(x => (x.Set, x.Address, Pod: snapshot.Pods.Get(x.Address.TargetNamespace ?? service.Namespace, x.Address.TargetName!)))
            .Where(x => x.Pod is not null)
            .OrderByDescending(x => x.Address.Ready)
            .ThenBy(x => x.Pod!.Namespace, StringComparer.Ordinal)
            .ThenBy(x => x.Pod!.Name, StringComparer.Ordinal)
            .ToList();
        if (candidates.Count == 0)
        {
            return new Choice(null, 0, $"Service {service.Namespace}/{service.Name} has no pod endpoints: kube-proxy rejects connections to {service.ClusterIp}:{port} (selector matches no ready pod?)");
        }

        var pick = candidates[0];
        if (!string.IsNullOrWhiteSpace(wanted))
        {
            var match = candidates.FirstOrDefault(c => c.Address.Ip == wanted || $"{c.Pod!.Namespace}/{c.Pod.Name}" == wanted || c.Pod!.Name == wanted);
            if (match.Pod is null)
            {
                return new Choice(null, 0, $"endpoint '{wanted}' is not an endpoint of Service {service.Namespace}/{service.Name} (endpoints: {string.Join(", ", candidates.Select(c => $"{c.Pod!.Namespace}/{c.Pod.Name}"))})");
            }

            pick = match;
        }
        else if (candidates.Count > 1)
        {
            notes.Add($"{candidates.Count} endpoints; kube-proxy picks one per connection; walking to {pick.Pod!.Namespace}/{pick.Pod.Name} (choose with endpoint=)");
        }

        if (!pick.Address.Ready)
        {
            notes.Add($"endpoint {pick.Pod!.Namespace}/{pick.Pod.Name} is not ready: kube-proxy only sends to it when no endpoint is ready");
        }

        // Endpoint ports carry the resolved target port under the Service port's name.
        var epPort = pick.Set.Ports.FirstOrDefault(p => p.Name == svcPort.Name && string.Equals(p.Protocol, protocol, StringComparison.OrdinalIgnoreCase))
            ?? (pick.Set.Ports.Length == 1 ? pick.Set.Ports[0] : null);
        int target;
        if (epPort is not null)
        {
            target = epPort.Port;
        }
        else if (svcPort.TargetPort is null)
        {
            target = svcPort.Port;
        }
        else if (int.TryParse(svcPort.TargetPort, out var n))
        {
            target = n;
        }
        else
        {
            var named = pick.Pod!.Containers.SelectMany(c => c.Ports).FirstOrDefault(p => p.Name == svcPort.TargetPort && string.Equals(p.Protocol, protocol, StringComparison.OrdinalIgnoreCase));
            if (named is null)
            {
                return new Choice(null, 0, $"targetPort '{svcPort.TargetPort}' of Service {service.Namespace}/{service.Name} names no {protocol} container port of pod {pick.Pod.Namespace}/{pick.Pod.Name}");
            }

            target = named.Port;
        }

        return new Choice(pick.Pod, target, null);
    }
}
