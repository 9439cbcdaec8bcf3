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
    // Built on first use (under the cache's lock): most indexes, derived ones above all, never resolve a named port.
    private Dictionary<(string Name, string Protocol), List<(int Pod, int Port)>>? _namedPorts;

    public PolicyIndex(ClusterSnapshot snapshot)
    {
        Snapshot = snapshot;
        Pods = [.. snapshot.Pods];
        PodCount = Pods.Length;
        PodKeys = [.. Pods.Select(p => p.Key)];
        PodIndexOf = new Dictionary<ObjectKey, int>(PodCount);
        for (var i = 0; i < Pods.Length; i++)
        {
            PodIndexOf[PodKeys[i]] = i;
        }

        NamespaceNames = NamespaceNamesOf(snapshot);
        NamespaceLabels = new IReadOnlyDictionary<string, string>[NamespaceNames.Length];
        PodsByNamespace = new PodSet[NamespaceNames.Length];
        for (var n = 0; n < NamespaceNames.Length; n++)
        {
            var name = NamespaceNames[n];
            NamespaceIndexOf[name] = n;
            NamespaceLabels[n] = LabelsOf(snapshot, name);
            PodsByNamespace[n] = new PodSet(PodCount);
        }

        PodNamespace = new int[PodCount];
        PodAddresses = new IPAddress[PodCount][];
        PodAddressValues = new (UInt128, int)[PodCount][];
        HostNetwork = new bool[PodCount];
        for (var i = 0; i < PodCount; i++)
        {
            PodNamespace[i] = NamespaceIndexOf[Pods[i].Namespace];
            PodsByNamespace[PodNamespace[i]].Add(i);
            SetPodFacts(i);
        }

        All = PodSet.All(PodCount);
        AnyHostNetwork = HostNetwork.Any(h => h);
    }

    /// <summary>
    /// The index of <paramref name="next"/> derived from <paramref name="previous"/>: per-pod facts are copied through
    /// the delta's renumbering and recomputed only for dirty pods; namespace labels are kept unless relabelled.
    /// </summary>
    public PolicyIndex(PolicyIndex previous, ClusterSnapshot next, IndexDelta delta)
    {
        Snapshot = next;
        Pods = [.. next.Pods];
        PodCount = Pods.Length;
        var remap = delta.Pods;
        if (remap.IsIdentity)
        {
            PodKeys = previous.PodKeys;
            PodIndexOf = previous.PodIndexOf;
        }
        else
        {
            PodKeys = [.. Pods.Select(p => p.Key)];
            PodIndexOf = new Dictionary<ObjectKey, int>(PodCount);
            for (var i = 0; i < PodCount; i++)
            {
                PodIndexOf[PodKeys[i]] = i;
            }
        }

        NamespaceNames = delta.NamespaceNames;
        NamespaceLabels = delta.NamespaceLabels;
        for (var n = 0; n < NamespaceNames.Length; n++)
        {
            NamespaceIndexOf[NamespaceNames[n]] = n;
        }

        PodNamespace = new int[PodCount];
        PodAddresses = new IPAddress[PodCount][];
        PodAddressValues = new (UInt128, int)[PodCount][];
        HostNetwork = new bool[PodCount];
        for (var i = 0; i < PodCount; i++)
        {
            var o = remap.NewToOld[i];
            if (o >= 0 && !delta.Dirty.Has(i))
            {
                PodNamespace[i] = delta.NamespaceOldToNew[previous.PodNamespace[o]];
                PodAddresses[i] = previous.PodAddresses[o];
                PodAddressValues[i] = previous.PodAddressValues[o];
                HostNetwork[i] = previous.HostNetwork[o];
            }
            else
            {
                PodNamespace[i] = NamespaceIndexOf[Pods[i].Namespace];
                SetPodFacts(i);
            }
        }

        // Same pods at the same indexes: namespace membership cannot have changed (a pod never changes namespace).
        if (remap.IsIdentity && delta.NamespacesKeepIndexes)
        {
            PodsByNamespace = previous.PodsByNamespace;
            All = previous.All;
        }
        else
        {
            PodsByNamespace = new PodSet[NamespaceNames.Length];
            for (var n = 0; n < PodsByNamespace.Length; n++)
            {
                PodsByNamespace[n] = new PodSet(PodCount);
            }

            for (var i = 0; i < PodCount; i++)
            {
                PodsByNamespace[PodNamespace[i]].Add(i);
            }

            All = remap.IsIdentity ? previous.All : PodSet.All(PodCount);
        }

        AnyHostNetwork = HostNetwork.Any(h => h);
    }

    public ClusterSnapshot Snapshot { get; }
    public ImmutableArray<PodInfo> Pods { get; }
    public ImmutableArray<ObjectKey> PodKeys { get; }
    public int PodCount { get; }
    public Dictionary<ObjectKey, int> PodIndexOf { get; }
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

    /// <summary>Every namespace a snapshot's pods and policies can refer to, sorted: declared ones, pods' and policies' namespaces.</summary>
    public static ImmutableArray<string> NamespaceNamesOf(ClusterSnapshot snapshot)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var ns in snapshot.Namespaces)
        {
            names.Add(ns.Name);
        }

        string? last = null;
        foreach (var p in snapshot.Pods)
        {
            // Pods come sorted by namespace: one set insertion per namespace, not per pod.
            if (!string.Equals(p.Namespace, last, StringComparison.Ordinal))
            {
                names.Add(last = p.Namespace);
            }
        }

        foreach (var np in snapshot.NetworkPolicies)
        {
            names.Add(np.Namespace);
        }

        return [.. names];
    }

    /// <summary>A namespace's labels as selectors see them: declared labels plus the kubernetes.io/metadata.name label.</summary>
    public static IReadOnlyDictionary<string, string> LabelsOf(ClusterSnapshot snapshot, string name) =>
        (snapshot.Namespaces.Get(ObjectKey.Cluster(name))?.Labels ?? LabelMap.Empty).SetItem(NamespaceNameLabel, name);

    private void SetPodFacts(int i)
    {
        var p = Pods[i];
        HostNetwork[i] = p.HostNetwork;
        PodAddresses[i] = [.. (p.PodIps.IsDefault ? [] : p.PodIps).Select(ip => IPAddress.TryParse(ip, out var a) ? a : null).OfType<IPAddress>()];
        PodAddressValues[i] = [.. PodAddresses[i].Select(CidrRange.ValueOf)];
    }

    private Dictionary<(string Name, string Protocol), List<(int Pod, int Port)>> NamedPorts()
    {
        if (_namedPorts is { } built)
        {
            return built;
        }

        var map = new Dictionary<(string Name, string Protocol), List<(int Pod, int Port)>>();
        for (var i = 0; i < PodCount; i++)
        {
            foreach (var c in Pods[i].Containers.Where(c => !c.IsInit))
            {
                foreach (var port in c.Ports.Where(x => !string.IsNullOrEmpty(x.Name)))
                {
                    var key = (port.Name!, Proto(port.Protocol));
                    if (!map.TryGetValue(key, out var list))
                    {
                        map[key] = list = [];
                    }

                    list.Add((i, port.Port));
                }
            }
        }

        return _namedPorts = map;
    }

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
            if (NamedPorts().TryGetValue((name, protocol), out var list))
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

    /// <summary>Pods that declare a container port with this name and protocol, whatever its number.</summary>
    public PodSet PodsNamingPort(string name, string protocol)
    {
        lock (_namedPortCache)
        {
            // Port -1 never collides with a real number: it keys the "any number" set beside NamedPortPods' entries.
            if (_namedPortCache.TryGetValue((name, protocol, -1), out var cached))
            {
                return cached;
            }

            var set = new PodSet(PodCount);
            if (NamedPorts().TryGetValue((name, protocol), out var list))
            {
                foreach (var (pod, _) in list)
                {
                    set.Add(pod);
                }
            }

            _namedPortCache[(name, protocol, -1)] = set;
            return set;
        }
    }

    /// <summary>Numbers a named port resolves to on one pod for a protocol (a pod may, unusually, declare it twice).</summary>
    public IEnumerable<int> ResolveNamedPort(int pod, string name, string protocol) =>
        Pods[pod].Containers.Where(c => !c.IsInit).SelectMany(c => c.Ports)
            .Where(p => p.Name == name && Proto(p.Protocol) == protocol).Select(p => p.Port);
}
