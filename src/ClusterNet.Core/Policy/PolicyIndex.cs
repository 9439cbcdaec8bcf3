using System.Collections.Immutable;
using System.Net;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy;

/// <summary>
/// Pods and namespaces of one snapshot as dense indexes: what the engine's bitsets are numbered by.
/// Namespaces referenced only by pods or policies get an entry too, labelled with the
/// kubernetes.io/metadata.name label the API server sets on every namespace.
/// </summary>
internal sealed class PolicyIndex
{
    public const string NamespaceNameLabel = "kubernetes.io/metadata.name";

    private readonly Dictionary<(string Name, string Protocol, int Port), PodSet> _namedPortCache = [];
    private readonly Dictionary<(string Name, string Protocol), List<(int Pod, int Port)>> _namedPorts = [];

    public PolicyIndex(ClusterSnapshot snapshot)
    {
        Snapshot = snapshot;
        Pods = [.. snapshot.Pods];
        PodCount = Pods.Length;
        PodKeys = [.. Pods.Select(p => p.Key)];
        for (var i = 0; i < Pods.Length; i++)
        {
            PodIndexOf[PodKeys[i]] = i;
        }

        var nsNames = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var ns in snapshot.Namespaces)
        {
            nsNames.Add(ns.Name);
        }

        foreach (var p in Pods)
        {
            nsNames.Add(p.Namespace);
        }

        foreach (var np in snapshot.NetworkPolicies)
        {
            nsNames.Add(np.Namespace);
        }

        NamespaceNames = [.. nsNames];
        NamespaceLabels = new IReadOnlyDictionary<string, string>[NamespaceNames.Length];
        PodsByNamespace = new PodSet[NamespaceNames.Length];
        for (var n = 0; n < NamespaceNames.Length; n++)
        {
            var name = NamespaceNames[n];
            NamespaceIndexOf[name] = n;
            var declared = snapshot.Namespaces.Get(ObjectKey.Cluster(name));
            NamespaceLabels[n] = (declared?.Labels ?? LabelMap.Empty).SetItem(NamespaceNameLabel, name);
            PodsByNamespace[n] = new PodSet(PodCount);
        }

        PodNamespace = new int[PodCount];
        PodAddresses = new IPAddress[PodCount][];
        PodAddressValues = new (UInt128, int)[PodCount][];
        HostNetwork = new bool[PodCount];
        for (var i = 0; i < PodCount; i++)
        {
            var p = Pods[i];
            PodNamespace[i] = NamespaceIndexOf[p.Namespace];
            PodsByNamespace[PodNamespace[i]].Add(i);
            HostNetwork[i] = p.HostNetwork;
            PodAddresses[i] = [.. (p.PodIps.IsDefault ? [] : p.PodIps).Select(ip => IPAddress.TryParse(ip, out var a) ? a : null).OfType<IPAddress>()];
            PodAddressValues[i] = [.. PodAddresses[i].Select(CidrRange.ValueOf)];
            foreach (var c in p.Containers.Where(c => !c.IsInit))
            {
                foreach (var port in c.Ports.Where(x => !string.IsNullOrEmpty(x.Name)))
                {
                    var key = (port.Name!, Proto(port.Protocol));
                    if (!_namedPorts.TryGetValue(key, out var list))
                    {
                        _namedPorts[key] = list = [];
                    }

                    list.Add((i, port.Port));
                }
            }
        }

        All = PodSet.All(PodCount);
        AnyHostNetwork = HostNetwork.Any(h => h);
    }

    public ClusterSnapshot Snapshot { get; }
    public ImmutableArray<PodInfo> Pods { get; }
    public ImmutableArray<ObjectKey> PodKeys { get; }
    public int PodCount { get; }
    public Dictionary<ObjectKey, int> PodIndexOf { get; } = [];
    public int[] PodNamespace { get; }
    public IPAddress[][] PodAddresses { get; }
    public (UInt128 Value, int Length)[][] PodAddressValues { get; }
    public bool[] HostNetwork { get; }
    public bool AnyHostNetwork { get; }
    public ImmutableArray<string> NamespaceNames { get; }
    public Dictionary<string, int> NamespaceIndexOf { get; } = new(StringComparer.Ordinal);
    public IReadOnlyDictionary<string, string>[] NamespaceLabels { get; }
    public PodSet[] PodsByNamespace { get; }
    public PodSet All { get; }

    public static string Proto(string? protocol) => string.IsNullOrEmpty(protocol) ? "TCP" : protocol.ToUpperInvariant();

    public IReadOnlyDictionary<string, string> LabelsOfNamespace(string name) =>
        NamespaceIndexOf.TryGetValue(name, out var n) ? NamespaceLabels[n] : LabelMap.Empty.SetItem(NamespaceNameLabel, name);

    /// <summary>Pods that declare a container port with this name and protocol whose number is <paramref name="port"/>.</summary>
    public PodSet NamedPortPods(string name, string protocol, int port)
    {
        lock (_namedPortCache)
        {
            if (_namedPortCache.TryGetValue((name, protocol, port), out var cached))
            {
                return cached;
            }

            var set = new PodSet(PodCount);
            if (_namedPorts.TryGetValue((name, protocol), out var list))
            {
                foreach (var (pod, p) in list)
                {
                    if (p == port)
                    {
                        set.Add(pod);
                    }
                }
            }

            _namedPortCache[(name, protocol, port)] = set;
            return set;
        }
    }

    /// <summary>Numbers a named port resolves to on one pod for a protocol (a pod may, unusually, declare it twice).</summary>
    public IEnumerable<int> ResolveNamedPort(int pod, string name, string protocol) =>
        Pods[pod].Containers.Where(c => !c.IsInit).SelectMany(c => c.Ports)
            .Where(p => p.Name == name && Proto(p.Protocol) == protocol).Select(p => p.Port);
}
