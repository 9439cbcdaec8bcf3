using ClusterNet.Core.Model;
using ClusterNet.Core.Store;

namespace ClusterNet.Kubernetes.Live;

/// <summary>
/// Folds the statuses of the loops feeding each kind into that kind's <see cref="KindStatus"/> and publishes it to the
/// store only when it changed. ConfigMaps are fed by one loop per name, so one forbidden name shows on the kind.
/// </summary>
internal sealed class KindStatusBoard
{
    // Loops still loading dominate (readiness waits for them), then the problems, worst first.
    private static readonly KindState[] Priority =
        [KindState.Syncing, KindState.Pending, KindState.Forbidden, KindState.Error, KindState.Reconnecting, KindState.NotServed, KindState.Synced];

    private readonly object _gate = new();
    private readonly ClusterStore _store;
    private readonly Dictionary<string, Dictionary<string, StreamStatus>> _streams = [];
    private readonly Dictionary<string, KindStatus> _published = [];

    public KindStatusBoard(ClusterStore store, IEnumerable<WatchStreamSpec> streams)
    {
        _store = store;
        foreach (var spec in streams)
        {
            if (!_streams.TryGetValue(spec.Kind, out var map))
            {
                _streams[spec.Kind] = map = [];
            }

            map[spec.Name] = new StreamStatus(KindState.Pending);
        }
    }

    public void Report(WatchStreamSpec spec, StreamStatus status)
    {
        KindStatus folded;
        lock (_gate)
        {
            var map = _streams[spec.Kind];
            map[spec.Name] = status;
            folded = Fold(map);
            if (_published.TryGetValue(spec.Kind, out var old) && old == folded)
            {
                return;
            }

            _published[spec.Kind] = folded;
        }

        // Count is owned by the store (it recounts on flush); keep the current one so the status does not flap.
        _store.SetStatus(spec.Kind, folded with { Count = _store.Current.StatusOf(spec.Kind).Count });
    }

    public KindStatus? Published(string kind)
    {
        lock (_gate)
        {
            return _published.TryGetValue(kind, out var s) ? s : null;
        }
    }

    private static KindStatus Fold(Dictionary<string, StreamStatus> map)
    {
        if (map.Count == 1)
        {
            var only = map.Values.First();
            return new KindStatus(only.State, 0, only.Message, only.Loaded, only.Expected, only.ApiVersion);
        }

        var state = Priority.First(p => map.Values.Any(s => s.State == p));
        var inState = map.Where(kv => kv.Value.State == state).OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        var messages = inState.Where(kv => !string.IsNullOrEmpty(kv.Value.Message)).Select(kv => $"{kv.Key}: {kv.Value.Message}").ToList();
        var message = messages.Count switch
        {
            0 => null,
            <= 3 => string.Join("; ", messages),
            _ => string.Join("; ", messages.Take(3)) + $"; and {messages.Count - 3} more",
        };
        var loaded = map.Values.Sum(s => s.Loaded);
        int? expected = map.Values.All(s => s.Expected is not null || s.State is not (KindState.Syncing or KindState.Pending))
            ? map.Values.Sum(s => s.Expected ?? s.Loaded)
            : null;
        var apiVersion = map.Values.Select(s => s.ApiVersion).FirstOrDefault(v => v is not null);
        return new KindStatus(state, 0, message, loaded, expected, apiVersion);
    }
}
