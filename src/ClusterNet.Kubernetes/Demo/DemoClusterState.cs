using System.Net;
using System.Net.Sockets;
using ClusterNet.Core.Model;

namespace ClusterNet.Kubernetes.Demo;

/// <summary>
/// The demo cluster's objects and its deterministic cycle of changes: restart a dev/myapp pod, scale shop/php-fpm
/// to 3, restart a php-fpm pod, scale it back to 2. A restarted pod gets a new name and IP like a Deployment's
/// replacement pod; endpoints and replica counts follow every change.
/// </summary>
internal sealed class DemoClusterState
{
    private const string NameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    private readonly Dictionary<ObjectKey, PodInfo> _pods = [];
    private readonly Dictionary<ObjectKey, WorkloadInfo> _workloads = [];
    private readonly List<ServiceInfo> _services;
    private readonly Dictionary<(string Namespace, string Service), string> _sliceNames = [];
    private readonly Dictionary<string, NodeInfo> _nodes;
    private readonly Dictionary<string, int> _nextHost = [];
    private readonly Dictionary<ObjectKey, long> _created = [];
    private long _serial;
    private int _step;

    public DemoClusterState(IReadOnlyCollection<IClusterObject> objects)
    {
        foreach (var pod in objects.OfType<PodInfo>())
        {
            _pods[pod.Key] = pod;
            _created[pod.Key] = _serial++;
        }

        foreach (var w in objects.OfType<WorkloadInfo>())
        {
            _workloads[w.Key] = w;
        }

        _services = [.. objects.OfType<ServiceInfo>()];
        foreach (var slice in objects.OfType<EndpointSetInfo>())
        {
            _sliceNames.TryAdd((slice.Namespace, slice.ServiceName), slice.Name);
        }

        _nodes = objects.OfType<NodeInfo>().ToDictionary(n => n.Name);
    }

    /// <summary>One change set: objects to upsert and (kind, key) pairs to delete.</summary>
    public sealed record Change(List<IClusterObject> Upserts, List<(string Kind, ObjectKey Key)> Deletes);

    public IEnumerable<PodInfo> Pods => _pods.Values;

    public Change Step()
    {
        var change = new Change([], []);
        switch (_step++ % 4)
        {
            case 0:
                Restart(new ObjectKey("dev", "Deployment/myapp"), change);
                break;
            case 1:
                Scale(new ObjectKey("shop", "Deployment/php-fpm"), 3, change);
                break;
            case 2:
                Restart(new ObjectKey("shop", "Deployment/php-fpm"), change);
                break;
            default:
                Scale(new ObjectKey("shop", "Deployment/php-fpm"), 2, change);
                break;
        }

        foreach (var service in _services)
        {
            var name = _sliceNames.TryGetValue((service.Namespace, service.Name), out var n) ? n : service.Name + "-demo";
            if (DemoEndpoints.Compute(service, _pods.Values, name) is { } slice)
            {
                change.Upserts.Add(slice);
            }
        }

        return change;
    }

    private List<PodInfo> PodsOf(WorkloadInfo workload) =>
        [.. _pods.Values
            .Where(p => p.Namespace == workload.Namespace && workload.Selector.MatchLabels.All(kv => p.Labels.TryGetValue(kv.Key, out var v) && v == kv.Value))
            .OrderBy(p => _created[p.Key])];

    private void Restart(ObjectKey workloadKey, Change change)
    {
        var workload = _workloads[workloadKey];
        var pods = PodsOf(workload);
        if (pods.Count == 0)
        {
            return;
        }

        // Like a rolling update with surge: the replacement exists (and takes a fresh IP) before the old pod goes.
        var oldest = pods[0];
        Create(oldest, oldest.NodeName!, change);
        Remove(oldest, change);
    }

    private void Scale(ObjectKey workloadKey, int replicas, Change change)
    {
        var workload = _workloads[workloadKey];
        var pods = PodsOf(workload);
        while (pods.Count < replicas)
        {
            // Spread like the scheduler would: the worker with the fewest replicas, master is tainted.
            var node = _nodes.Keys.Where(n => n != "master").OrderBy(n => pods.Count(p => p.NodeName == n)).ThenBy(n => n, StringComparer.Ordinal).First();
            pods.Add(Create(pods[0], node, change));
        }

        while (pods.Count > replicas)
        {
            // The ReplicaSet controller removes the newest pod first.
            var newest = pods[^1];
            Remove(newest, change);
            pods.RemoveAt(pods.Count - 1);
        }

        var updated = workload with { DesiredReplicas = replicas, ReadyReplicas = replicas };
        _workloads[workloadKey] = updated;
        change.Upserts.Add(updated);
    }

    private void Remove(PodInfo pod, Change change)
    {
        _pods.Remove(pod.Key);
        _created.Remove(pod.Key);
        change.Deletes.Add((ResourceKind.Pods, pod.Key));
    }

    private PodInfo Create(PodInfo template, string nodeName, Change change)
    {
        var node = _nodes[nodeName];
        var prefix = template.Owner is { Kind: "ReplicaSet" } owner ? owner.Name : template.Name;
        string name;
        do
        {
            name = $"{prefix}-{Suffix(_serial++)}";
        }
        while (_pods.ContainsKey(new ObjectKey(template.Namespace, name)));

        var pod = template with
        {
            Name = name,
            Uid = "",
            NodeName = nodeName,
            HostIp = node.InternalIp,
            PodIps = [NextIp(node)],
            Phase = "Running",
            Ready = true,
        };
        _pods[pod.Key] = pod;
        _created[pod.Key] = _serial;
        change.Upserts.Add(pod);
        return pod;
    }

    private static string Suffix(long serial)
    {
        // Deterministic stand-in for the random 5-character suffix Kubernetes uses, from its own alphabet.
        var value = (ulong)(serial * 2654435761L + 97);
        Span<char> chars = stackalloc char[5];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = NameAlphabet[(int)(value % (ulong)NameAlphabet.Length)];
            value /= (ulong)NameAlphabet.Length;
        }

        return new string(chars);
    }

    /// <summary>host-local IPAM hands out addresses in order and does not reuse a freed one at once.</summary>
    private string NextIp(NodeInfo node)
    {
        var network = IPNetwork.Parse(node.PodCidrs[0]);
        var baseBytes = network.BaseAddress.GetAddressBytes();
        var baseValue = (uint)(baseBytes[0] << 24 | baseBytes[1] << 16 | baseBytes[2] << 8 | baseBytes[3]);
        var size = 1u << (32 - network.PrefixLength);
        var used = _pods.Values.Where(p => !p.HostNetwork && p.NodeName == node.Name).SelectMany(p => p.PodIps).ToHashSet();
        if (!_nextHost.TryGetValue(node.Name, out var next))
        {
            next = 2;
            foreach (var ip in used)
            {
                if (IPAddress.TryParse(ip, out var address) && address.AddressFamily == AddressFamily.InterNetwork && network.Contains(address))
                {
                    var b = address.GetAddressBytes();
                    var host = (int)((uint)(b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]) - baseValue);
                    next = Math.Max(next, host + 1);
                }
            }
        }

        for (var attempt = 0; attempt < size; attempt++)
        {
            if (next < 2 || next >= size - 1)
            {
                next = 2;
            }

            var value = baseValue + (uint)next++;
            var candidate = new IPAddress([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]).ToString();
            if (!used.Contains(candidate))
            {
                _nextHost[node.Name] = next;
                return candidate;
            }
        }

        throw new InvalidOperationException($"demo node {node.Name} has no free pod IP in {node.PodCidrs[0]}");
    }
}
