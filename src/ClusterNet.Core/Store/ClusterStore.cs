using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Store;

/// <summary>
/// The informer cache: sources upsert/delete objects and set per-kind status; the store coalesces
/// changes into immutable, versioned <see cref="ClusterSnapshot"/>s published at most once per
/// <c>coalesce</c> interval and announced through <see cref="Published"/> (the Web app's SnapshotFeed fans them out).
/// </summary>
public sealed class ClusterStore : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<string, ImmutableDictionary<ObjectKey, IClusterObject>> _objects = [];
    private readonly HashSet<string> _dirty = [];
    private readonly TimeProvider _time;
    private readonly TimeSpan _coalesce;
    private readonly ITimer? _timer;
    private ImmutableDictionary<string, KindStatus> _status;
    private ImmutableArray<SourceDiagnostic> _diagnostics = [];
    private ConnectionState _connection = ConnectionState.Connecting;
    private string? _connectionMessage;
    private DateTimeOffset? _lastContact;
    private bool _metaDirty;
    private ClusterSnapshot _current;
    private bool _disposed;

    public ClusterStore(SourceInfo source, TimeSpan? coalesce = null, TimeProvider? time = null, IEnumerable<string>? kinds = null)
    {
        Source = source;
        _time = time ?? TimeProvider.System;
        _coalesce = coalesce ?? TimeSpan.FromMilliseconds(200);
        Kinds = [.. kinds ?? ResourceKind.All];
        foreach (var kind in Kinds)
        {
            _objects[kind] = ImmutableDictionary<ObjectKey, IClusterObject>.Empty;
        }

        _status = Kinds.ToImmutableDictionary(k => k, _ => KindStatus.Pending);
        _current = new ClusterSnapshot { Version = 0, Source = source, CreatedAt = _time.GetUtcNow(), Kinds = _status, Connection = _connection };
        if (_coalesce > TimeSpan.Zero)
        {
            _timer = _time.CreateTimer(_ => Flush(), null, _coalesce, _coalesce);
        }
    }

    public SourceInfo Source { get; }

    public ImmutableArray<string> Kinds { get; }

    public ClusterSnapshot Current => Volatile.Read(ref _current);

    /// <summary>True once every kind has left Pending/Syncing at least once (for /readyz).</summary>
    public bool InitialSyncComplete { get; private set; }

    /// <summary>Raised after every published snapshot, outside the store's lock, on the thread that flushed.</summary>
    public event Action<SnapshotChange>? Published;

    public void Upsert(IClusterObject obj)
    {
        var kind = ResourceKinds.KindOf(obj);
        lock (_gate)
        {
            var map = _objects[kind];
            if (map.TryGetValue(obj.Key, out var existing) && StructuralEquality.AreEqual(existing, obj))
            {
                return;
            }

            _objects[kind] = map.SetItem(obj.Key, obj);
            _dirty.Add(kind);
        }
    }

    public void Delete(string kind, ObjectKey key)
    {
        lock (_gate)
        {
            var map = _objects[kind];
            if (map.ContainsKey(key))
            {
                _objects[kind] = map.Remove(key);
                _dirty.Add(kind);
            }
        }
    }

    /// <summary>
    /// Replaces every object of a kind (initial list or relist after 410 Gone). Objects missing from
    /// <paramref name="items"/> are deleted, so deletions that happened while not watching are not lost.
    /// </summary>
    public void Replace(string kind, IEnumerable<IClusterObject> items)
    {
        var builder = ImmutableDictionary.CreateBuilder<ObjectKey, IClusterObject>();
        foreach (var item in items)
        {
            builder[item.Key] = item;
        }

        var next = builder.ToImmutable();
        lock (_gate)
        {
            var map = _objects[kind];
            if (map.Count == next.Count && next.All(kv => map.TryGetValue(kv.Key, out var old) && StructuralEquality.AreEqual(old, kv.Value)))
            {
                return;
            }

            _objects[kind] = next;
            _dirty.Add(kind);
        }
    }

    public void SetStatus(string kind, KindStatus status)
    {
        lock (_gate)
        {
            if (_status.TryGetValue(kind, out var old) && old == status)
            {
                return;
            }

            _status = _status.SetItem(kind, status);
            _metaDirty = true;
        }
    }

    public void SetConnection(ConnectionState state, string? message = null)
    {
        lock (_gate)
        {
            if (state == ConnectionState.Connected)
            {
                _lastContact = _time.GetUtcNow();
            }

            if (_connection == state && _connectionMessage == message)
            {
                return;
            }

            _connection = state;
            _connectionMessage = message;
            _metaDirty = true;
        }
    }

    public void SetDiagnostics(IEnumerable<SourceDiagnostic> diagnostics)
    {
        lock (_gate)
        {
            _diagnostics = [.. diagnostics];
            _metaDirty = true;
        }
    }

    /// <summary>Publishes a snapshot now if anything changed; returns the current snapshot.</summary>
    public ClusterSnapshot Flush()
    {
        SnapshotChange change;
        lock (_gate)
        {
            if (_disposed || (_dirty.Count == 0 && !_metaDirty))
            {
                return _current;
            }

            var prev = _current;
            var changed = _dirty.ToImmutableArray().Sort(StringComparer.Ordinal);
            var status = _status;
            foreach (var kind in Kinds)
            {
                var count = _objects[kind].Count;
                if (status[kind].Count != count)
                {
                    status = status.SetItem(kind, status[kind] with { Count = count });
                }
            }

            _status = status;
            var next = prev with
            {
                Version = prev.Version + 1,
                CreatedAt = _time.GetUtcNow(),
                Kinds = status,
                Connection = _connection,
                ConnectionMessage = _connectionMessage,
                LastContact = _lastContact,
                Diagnostics = _diagnostics,
            };
            next = Rebuild(next, changed);
            _current = next;
            _dirty.Clear();
            _metaDirty = false;
            if (!InitialSyncComplete && status.Values.All(s => s.State is not (KindState.Pending or KindState.Syncing)))
            {
                InitialSyncComplete = true;
            }

            change = new SnapshotChange(next.Version, changed, status.ToImmutableDictionary(kv => kv.Key, kv => kv.Value.Count), next);
        }

        Published?.Invoke(change);
        return change.Snapshot;
    }

    private ClusterSnapshot Rebuild(ClusterSnapshot s, ImmutableArray<string> changed)
    {
        foreach (var kind in changed)
        {
            s = kind switch
            {
                ResourceKind.Nodes => s with { Nodes = Collect<NodeInfo>(kind) },
                ResourceKind.Namespaces => s with { Namespaces = Collect<NamespaceInfo>(kind) },
                ResourceKind.Pods => s with { Pods = Collect<PodInfo>(kind) },
                ResourceKind.Services => s with { Services = Collect<ServiceInfo>(kind) },
                ResourceKind.Endpoints => s with { Endpoints = Collect<EndpointSetInfo>(kind) },
                ResourceKind.NetworkPolicies => s with { NetworkPolicies = Collect<NetworkPolicyInfo>(kind) },
                ResourceKind.Ingresses => s with { Ingresses = Collect<IngressInfo>(kind) },
                ResourceKind.IngressClasses => s with { IngressClasses = Collect<IngressClassInfo>(kind) },
                ResourceKind.DaemonSets or ResourceKind.Deployments or ResourceKind.StatefulSets => s with { Workloads = CollectWorkloads() },
                ResourceKind.ConfigMaps => s with { ConfigMaps = Collect<ConfigMapInfo>(kind) },
                ResourceKind.IpPools => s with { IpPools = Collect<IpPoolInfo>(kind) },
                ResourceKind.BgpConfigurations => s with { BgpConfigurations = Collect<BgpConfigurationInfo>(kind) },
                ResourceKind.GatewayClasses => s with { GatewayClasses = Collect<GatewayClassInfo>(kind) },
                ResourceKind.Gateways => s with { Gateways = Collect<GatewayInfo>(kind) },
                ResourceKind.HttpRoutes => s with { HttpRoutes = Collect<GatewayRouteInfo>(kind) },
                ResourceKind.GrpcRoutes => s with { GrpcRoutes = Collect<GatewayRouteInfo>(kind) },
                ResourceKind.TlsRoutes => s with { TlsRoutes = Collect<GatewayRouteInfo>(kind) },
                ResourceKind.TcpRoutes => s with { TcpRoutes = Collect<GatewayRouteInfo>(kind) },
                ResourceKind.UdpRoutes => s with { UdpRoutes = Collect<GatewayRouteInfo>(kind) },
                ResourceKind.ReferenceGrants => s with { ReferenceGrants = Collect<ReferenceGrantInfo>(kind) },
                ResourceKind.ClientTrafficPolicies => s with { ClientTrafficPolicies = Collect<ClientTrafficPolicyInfo>(kind) },
                ResourceKind.EnvoyProxies => s with { EnvoyProxies = Collect<EnvoyProxyInfo>(kind) },
                ResourceKind.NginxProxies => s with { NginxProxies = Collect<NginxProxyInfo>(kind) },
                ResourceKind.CalicoNetworkPolicies => s with { CalicoNetworkPolicies = Collect<CalicoPolicyInfo>(kind) },
                ResourceKind.CalicoGlobalNetworkPolicies => s with { CalicoGlobalNetworkPolicies = Collect<CalicoPolicyInfo>(kind) },
                ResourceKind.CalicoTiers => s with { CalicoTiers = Collect<CalicoTierInfo>(kind) },
                ResourceKind.CalicoNetworkSets => s with { CalicoNetworkSets = Collect<CalicoNetworkSetInfo>(kind) },
                ResourceKind.CalicoGlobalNetworkSets => s with { CalicoGlobalNetworkSets = Collect<CalicoNetworkSetInfo>(kind) },
                ResourceKind.ServiceAccounts => s with { ServiceAccounts = Collect<ServiceAccountInfo>(kind) },
                ResourceKind.ClusterNetworkPolicies => s with { ClusterNetworkPolicies = Collect<ClusterPolicyInfo>(kind) },
                ResourceKind.AdminNetworkPolicies => s with { AdminNetworkPolicies = Collect<ClusterPolicyInfo>(kind) },
                ResourceKind.BaselineAdminNetworkPolicies => s with { BaselineAdminNetworkPolicies = Collect<ClusterPolicyInfo>(kind) },
                ResourceKind.Installations => s with { Installations = Collect<CalicoInstallationInfo>(kind) },
                ResourceKind.NetworkAttachmentDefinitions => s with { NetworkAttachmentDefinitions = Collect<NetworkAttachmentDefinitionInfo>(kind) },
                ResourceKind.MultiNetworkPolicies => s with { MultiNetworkPolicies = Collect<MultiNetworkPolicyInfo>(kind) },
                _ => s,
            };
        }

        return s;
    }

    private KindCollection<T> Collect<T>(string kind) where T : IClusterObject
    {
        var builder = ImmutableDictionary.CreateBuilder<ObjectKey, T>();
        foreach (var (key, value) in _objects[kind])
        {
            builder[key] = (T)value;
        }

        return new KindCollection<T>(builder.ToImmutable());
    }

    private KindCollection<WorkloadInfo> CollectWorkloads()
    {
        var builder = ImmutableDictionary.CreateBuilder<ObjectKey, WorkloadInfo>();
        foreach (var kind in new[] { ResourceKind.DaemonSets, ResourceKind.Deployments, ResourceKind.StatefulSets })
        {
            if (_objects.TryGetValue(kind, out var map))
            {
                foreach (var (key, value) in map)
                {
                    builder[key] = (WorkloadInfo)value;
                }
            }
        }

        return new KindCollection<WorkloadInfo>(builder.ToImmutable());
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        if (_timer is not null)
        {
            await _timer.DisposeAsync().ConfigureAwait(false);
        }
    }
}
